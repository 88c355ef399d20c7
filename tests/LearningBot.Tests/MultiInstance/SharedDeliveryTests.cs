using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Announcements;
using LearningBot.Delivery.Progress;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.MultiInstance;

/// <summary>
/// Two real bot processes sharing one delivery: an announcement started on instance A is sent by the workers of both,
/// each person with Teams gets it once, and when A is killed half way through one, B finishes it. The kill comes last:
/// the class's processes are started once, and A stays dead.
/// </summary>
[TestCaseOrderer(ByTestOrder.TypeName, ByTestOrder.AssemblyName)]
public sealed partial class SharedDeliveryTests(SharedDeliveryInstances bots) : IClassFixture<SharedDeliveryInstances>
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Sends each of a delivery's workers have in flight at once: one work message, two recipients.</summary>
    private const int SendsInFlightPerInstance = 2;

    [Fact]
    [TestOrder(1)]
    public async Task An_announcement_started_on_one_instance_reaches_each_person_with_teams_once_through_both_instances()
    {
        const string title = "Flu clinics for primary care staff";
        var audience = bots.People.Where(person => person.OrganisationKind == "primary-care").ToList();
        var chat = "a:" + Guid.NewGuid().ToString("N");

        var deliveryId = await AnnounceAsync(title, SharedDeliveryInstances.PrimaryCare, chat);

        Assert.True(await Eventually.TrueAsync(() => Headline(chat) == "Finished", DeliveryTimeout), Diagnostics(title));
        var reachable = audience.Where(person => person.UsesTeams).Select(person => person.Id).ToList();
        AssertEachMessagedOnce(title, reachable);
        Assert.DoesNotContain(bots.Connector.CreatedConversations, created => created.Members!.Any(member => audience.Any(p => !p.UsesTeams && p.Id == member.Id)));
        Assert.Equal(reachable.Count, bots.Connector.CreatedConversations.Select(created => Assert.Single(created.Members!).Id).Distinct().Count());
        var summary = CardJson.Texts(FinalCard(chat));
        Assert.Contains($"Sent to {reachable.Count} of {audience.Count}", summary, StringComparison.Ordinal);
        Assert.Contains($"{audience.Count(person => !person.UsesTeams)}: counted for the printed edition", summary, StringComparison.Ordinal);

        // Both workers finished work messages of this delivery, and what they sent adds up to everyone reached.
        var sentByInstance = bots.All.Select(bot => SentHere(bot, deliveryId)).ToList();
        Assert.True(sentByInstance.All(messages => messages.Count > 0), Diagnostics(title));
        Assert.Equal(reachable.Count, sentByInstance.Sum(messages => messages.Sum()));
    }

    [Fact]
    [TestOrder(2)]
    public async Task A_delivery_whose_instance_is_killed_half_way_is_finished_by_the_other_with_nobody_messaged_twice()
    {
        const string title = "New dates for the safeguarding adults refresher";
        var chat = "a:" + Guid.NewGuid().ToString("N");
        var reachable = bots.People.Where(person => person.UsesTeams).Select(person => person.Id).ToList();
        var deliveryId = await AnnounceAsync(title, "everyone", chat);
        Assert.True(await Eventually.TrueAsync(() => SentHere(bots.A, deliveryId).Count > 0, DeliveryTimeout), Diagnostics(title));

        // A dies while its sends are held at the connector, unanswered: it has work messages and claims on recipients.
        var heldFrom = bots.Connector.Requests.Count;
        bots.Connector.StallEvery = TimeSpan.FromMinutes(1);
        var held = await Eventually.TrueAsync(() => SendsSince(heldFrom) >= 2 * SendsInFlightPerInstance);
        var sentBeforeKill = MessagedWith(title).Count;
        bots.A.Kill();
        bots.Connector.StallEvery = null;

        Assert.True(held, Diagnostics(title));
        Assert.True(sentBeforeKill < reachable.Count, $"The delivery had finished before A was killed.\n{Diagnostics(title)}");
        Assert.True(await Eventually.TrueAsync(() => Headline(chat) == "Finished", DeliveryTimeout), Diagnostics(title));
        AssertEachMessagedOnce(title, reachable);
        Assert.Contains($"Sent to {reachable.Count} of {bots.People.Count}", CardJson.Texts(FinalCard(chat)), StringComparison.Ordinal);
        Assert.True(SentHere(bots.B, deliveryId).Sum() >= reachable.Count - sentBeforeKill, Diagnostics(title));
    }

    /// <summary>Sends <c>announce</c>, previews the announcement and presses Send, all on instance A; the delivery's id.</summary>
    private async Task<string> AnnounceAsync(string title, string audience, string chat)
    {
        var sender = SharedDeliveryInstances.Sender;
        using (var compose = await bots.A.PostActivityAsync(TeamsActivities.Message(bots.Connector.ServiceUrl, "announce", chat).From(sender)))
        {
            Assert.Equal(HttpStatusCode.OK, compose.StatusCode);
        }

        var preview = await InvokeAsync(AnnouncementVerbs.Preview, new JsonObject
        {
            ["title"] = title,
            ["message"] = "Booking is open on the learning hub.",
            ["audience"] = audience,
        }, chat);
        var draftId = CardJson.ActionByVerb(preview, AnnouncementVerbs.Send)["data"]!["draftId"]!.GetValue<string>();
        var sending = await InvokeAsync(AnnouncementVerbs.Send, new JsonObject { ["draftId"] = draftId }, chat);
        Assert.Contains("Sending…", CardJson.Texts(sending), StringComparison.Ordinal);

        // The progress card as first posted carries the delivery's id on its Cancel action. It comes once the delivery is
        // planned and queued, which on a machine busy with other tests can take a while.
        Assert.True(await Eventually.TrueAsync(() => ProgressCardAsPosted(chat) is not null, DeliveryTimeout), bots.Describe());
        return CardJson.ActionByVerb(ProgressCardAsPosted(chat), DeliveryProgressVerbs.Cancel)["data"]!["deliveryId"]!.GetValue<string>();
    }

    private async Task<JsonObject> InvokeAsync(string verb, JsonObject data, string chat)
    {
        var press = TeamsActivities.ExecuteAction(bots.Connector.ServiceUrl, verb, data, chat).From(SharedDeliveryInstances.Sender);
        using var response = await bots.A.PostActivityAsync(press);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }

    private void AssertEachMessagedOnce(string title, IReadOnlyCollection<string> reachable)
    {
        var messaged = MessagedWith(title);
        var twice = messaged.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => $"{group.Key} x{group.Count()}").ToList();
        Assert.True(twice.Count == 0, $"Messaged more than once: {string.Join(", ", twice)}\n{Diagnostics(title)}");
        var missed = reachable.Except(messaged).ToList();
        Assert.True(missed.Count == 0, $"Never messaged: {string.Join(", ", missed)}\n{Diagnostics(title)}");
        Assert.Equal(reachable.Order(StringComparer.Ordinal), messaged.Order(StringComparer.Ordinal));
    }

    /// <summary>The person each announcement with <paramref name="title"/> was addressed to, once per message the connector took.</summary>
    private List<string> MessagedWith(string title) =>
    [
        .. bots.Connector.Sent
            .Where(sent => sent.Activity.Attachments is { Count: > 0 } && CardJson.Texts(sent.Activity).Contains(title, StringComparison.Ordinal))
            .Where(sent => sent.Activity.Recipient?.AadObjectId != SharedDeliveryInstances.Sender.AadObjectId)
            .Select(sent => sent.Activity.Recipient?.AadObjectId ?? sent.Activity.Recipient?.Id ?? "(nobody)"),
    ];

    /// <summary>Requests that open a chat or send into one (a worker's sends) the connector took since the <paramref name="start"/>th.</summary>
    private int SendsSince(int start) =>
        bots.Connector.Requests.Skip(start).Count(request => request.Method == "POST");

    private JsonObject? ProgressCardAsPosted(string chat) =>
        bots.Connector.Sent
            .Where(sent => sent.ConversationId == chat && sent.Activity.Attachments is { Count: > 0 })
            .Select(CardJson.Of)
            .FirstOrDefault(card => CardJson.Verbs(card).Contains(DeliveryProgressVerbs.Cancel));

    private JsonObject FinalCard(string chat) => CardJson.Of(bots.Connector.Current(chat).Last(sent => sent.Activity.Attachments is { Count: > 0 }));

    private string? Headline(string chat) =>
        bots.Connector.Current(chat).Where(sent => sent.Activity.Attachments is { Count: > 0 }).Select(CardJson.Of)
            .Where(card => CardJson.HasId(card, "headline")).Select(card => CardJson.ById(card, "headline")["text"]?.GetValue<string>()).LastOrDefault();

    /// <summary>The recipients sent to in each work message of <paramref name="deliveryId"/> that <paramref name="bot"/> finished.</summary>
    private static List<int> SentHere(BotProcess bot, string deliveryId) =>
    [
        .. bot.Log.Select(line => MessageDoneLine().Match(line))
            .Where(match => match.Success && match.Groups["delivery"].Value == deliveryId)
            .Select(match => int.Parse(match.Groups["sent"].Value, CultureInfo.InvariantCulture)),
    ];

    private string Diagnostics(string title)
    {
        var messaged = MessagedWith(title);
        return $"{messaged.Count} announcements sent ({messaged.Distinct().Count()} people), {bots.Connector.CreatedConversations.Count} chats opened, " +
            $"{bots.Connector.Requests.Count} connector requests\n{bots.Describe()}";
    }

    [GeneratedRegex(@"Delivery (?<delivery>\S+): work message done here: (?<sent>\d+) sent, \d+ waiting")]
    private static partial Regex MessageDoneLine();
}
