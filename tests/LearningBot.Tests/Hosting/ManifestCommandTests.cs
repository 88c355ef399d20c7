using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Digest;
using LearningBot.FeedbackSignals;
using LearningBot.FiveMinuteReview;
using LearningBot.GoodPractice;
using LearningBot.OneStopShop.Answers;
using LearningBot.Tests.Support;
using LearningBot.Welcome;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// The Teams command menu (manifest/manifest.json) against the running bot: every command it offers, typed where it
/// offers it, reaches its capability and is not mistaken for a knowledge-base question.
/// The person typing is liaison staff, so the feedback signal form opens for them.
/// </summary>
public sealed class ManifestCommandTests(ManifestCommandTests.LiaisonHost host) : IClassFixture<ManifestCommandTests.LiaisonHost>
{
    /// <summary>
    /// What each menu command must lead to: the same answer as the welcome card's button for that capability.
    /// A command added to the manifest needs a line here, or the test fails and says so.
    /// </summary>
    private static readonly Dictionary<string, string> ButtonFor = new(StringComparer.OrdinalIgnoreCase)
    {
        ["help"] = WelcomeVerbs.Help,
        ["ask"] = AskVerbs.Start,
        ["review"] = ReviewVerbs.Start,
        ["feedback"] = SignalVerbs.Start,
        ["share"] = GoodPracticeVerbs.Share,
        ["digest"] = DigestVerbs.Latest,
    };

    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    /// <summary>Every (scope, command) pair in the manifest's command lists, as the menu sends it and as a person might type it.</summary>
    public static TheoryData<string, string, string> ManifestCommands()
    {
        var path = Path.Combine(RepoPaths.Root, "manifest", "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        var data = new TheoryData<string, string, string>();
        foreach (var bot in manifest["bots"]!.AsArray())
        {
            foreach (var list in bot!["commandLists"]?.AsArray() ?? [])
            {
                foreach (var scope in list!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()))
                {
                    foreach (var command in list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()))
                    {
                        data.Add(scope, command, command);
                        data.Add(scope, command, $" {char.ToUpperInvariant(command[0])}{command[1..]}! ");
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestCommands))]
    public async Task Every_manifest_command_reaches_its_capability(string scope, string command, string typed)
    {
        Assert.True(ButtonFor.TryGetValue(command, out var verb),
            $"The manifest offers '{command}', but this test does not know which capability it belongs to: add it to {nameof(ButtonFor)}.");
        var expected = await ButtonAnswerAsync(scope, verb);

        await _bot.PostActivityAsync(Typed(scope, typed));

        var card = WithoutFormToken(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.True(JsonNode.DeepEquals(expected, card),
            $"'{typed}' in {scope} should answer like the welcome card's '{verb}' button.\nExpected: {expected}\nGot: {card}");
    }

    /// <summary>
    /// The card a capability's welcome-card button brings up (Action.Execute answers in the invoke response), pressed in
    /// the conversation the command is typed in: in groups and channels the welcome card also says to @mention the bot.
    /// </summary>
    private async Task<JsonNode> ButtonAnswerAsync(string scope, string verb)
    {
        var press = TeamsActivities.ExecuteAction(ServiceUrl, verb);
        var typed = Typed(scope, string.Empty);
        press["conversation"] = typed["conversation"]!.DeepClone();
        if (typed["channelData"] is { } channelData)
        {
            press["channelData"] = channelData.DeepClone();
        }

        var response = await _bot.PostActivityAsync(press);
        var card = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
        Assert.Empty(_bot.Connector.Sent);
        return WithoutFormToken(card);
    }

    /// <summary>The card with the token or id a form is given when it opens (new for every form) taken out of its buttons' data.</summary>
    private static JsonNode WithoutFormToken(JsonNode card)
    {
        foreach (var node in CardJson.Descendants(card).Where(n => n.ContainsKey(SignalInputs.FormToken)))
        {
            node[SignalInputs.FormToken] = string.Empty;
        }

        foreach (var node in CardJson.Descendants(card).Where(n => n.ContainsKey("exampleId")))
        {
            node["exampleId"] = string.Empty;
        }

        return card;
    }

    /// <summary>The command as Teams delivers it in each scope: plain in a personal chat, after an @mention elsewhere.</summary>
    private JsonObject Typed(string scope, string text) => scope switch
    {
        "personal" => TeamsActivities.Message(ServiceUrl, text),
        "team" => TeamsActivities.ChannelMention(ServiceUrl, text),
        "groupChat" => TeamsActivities.GroupChatMention(ServiceUrl, text),
        _ => throw new InvalidOperationException($"The manifest offers commands in scope '{scope}', which this test cannot type in yet."),
    };

    /// <summary>The class's host, with the person the test activities come from listed as liaison staff.</summary>
    public sealed class LiaisonHost : BotHostFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?> { ["Roles:LiaisonStaff:0"] = TestPerson.Alex.AadObjectId };
    }
}
