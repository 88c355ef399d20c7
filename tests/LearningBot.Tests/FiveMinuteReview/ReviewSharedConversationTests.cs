using System.Net;
using System.Text.Json.Nodes;
using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>A manager's roster and reviews are personal: in a channel or group chat no review route shows a name or a status.</summary>
public sealed class ReviewSharedConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Channel = "19:hub@thread.tacv2;messageid=1700000000000";
    private const string GroupChat = "19:meeting-carehome-supervisors@thread.v2";

    private ReviewHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ReviewHarness.StartAsync(azurite);
        await _h.SayAsync(_h.Tom, "thanks");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Review_typed_in_a_channel_posts_no_names_there_and_sends_the_team_to_the_managers_own_chat()
    {
        await _h.SayAsync(ReviewHarness.Manager, "thanks");

        await Post(Shared(TeamsActivities.ChannelMention(_h.ServiceUrl, "review"), Channel, "channel"));

        var posted = PostedIn(Channel);
        var card = Assert.Single(posted);
        Assert.Contains("Five Minute Reviews are private", card, StringComparison.Ordinal);
        Assert.Contains("https://teams.microsoft.com/l/chat/0/0?users=28:learningbot", card, StringComparison.Ordinal);
        Assert.Contains("I've sent your team list to that chat", card, StringComparison.Ordinal);
        AssertNothingPersonal(card);
        Assert.Contains(_h.CardsSentTo(ReviewHarness.Manager), c => c.Contains("Tom Okafor", StringComparison.Ordinal) && c.Contains("Grace Lewis", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("review")]
    [InlineData("reviews")]
    [InlineData("Five Minute Review")]
    [InlineData("5 minute review")]
    [InlineData("my team")]
    public async Task Every_spelling_of_review_in_a_group_chat_answers_without_names(string command)
    {
        await Post(Shared(TeamsActivities.GroupChatMention(_h.ServiceUrl, command), GroupChat, "groupChat"));

        var card = Assert.Single(PostedIn(GroupChat));
        Assert.Contains("Five Minute Reviews are private", card, StringComparison.Ordinal);
        Assert.Contains("Open a chat with me and type **review**", card, StringComparison.Ordinal);
        AssertNothingPersonal(card);
    }

    [Fact]
    public async Task A_conversation_marked_as_a_group_counts_as_shared_whatever_its_type()
    {
        var activity = Shared(TeamsActivities.Message(_h.ServiceUrl, "review"), "19:unknown@thread.v2", conversationType: null);

        await Post(activity);

        var card = Assert.Single(PostedIn("19:unknown@thread.v2"));
        AssertNothingPersonal(card);
    }

    [Theory]
    [InlineData("review.start")]
    [InlineData("review.team")]
    [InlineData("review.open")]
    [InlineData("review.addPerson")]
    [InlineData("review.next")]
    [InlineData("review.back")]
    [InlineData("review.cancel")]
    [InlineData("review.askView")]
    [InlineData("review.confirm")]
    public async Task A_review_card_pressed_in_a_shared_conversation_shows_no_names_and_changes_nothing(string verb)
    {
        var data = await DraftButtonDataAsync();
        data["newName"] = "Nadia Haddad";
        data["wentWell"] = "Pressed in the channel.";
        data["nextReview"] = "2027-02-22";
        var before = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);

        var answer = await PressAsync(verb, data, Channel, "channel");

        var card = CardJson.Readable(CardJson.FromInvoke(answer));
        Assert.Contains("Five Minute Reviews are private", card, StringComparison.Ordinal);
        AssertNothingPersonal(card);
        var after = await _h.Store.GetDraftAsync(ReviewHarness.Manager.AadObjectId, _h.Tom.AadObjectId, CancellationToken.None);
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.DoesNotContain((await _h.People.GetPeopleManagedByAsync(ReviewHarness.Manager.AadObjectId, CancellationToken.None)), p => p.DisplayName == "Nadia Haddad");
        Assert.Null(await _h.LatestReviewAsync(_h.Tom.AadObjectId));
        Assert.Empty(PostedIn(Channel));
    }

    [Theory]
    [InlineData("review.shareView")]
    [InlineData("review.acknowledge")]
    public async Task The_persons_own_review_cards_pressed_in_a_shared_conversation_show_nothing_of_the_review(string verb)
    {
        var answer = await PressAsync(verb, new JsonObject { ["managerId"] = ReviewHarness.Manager.AadObjectId, ["reviewId"] = "any", ["ownView"] = "x" }, GroupChat, "groupChat", _h.Tom);

        Assert.Equal(ReviewPrivateChat.PersonNotice, CardJson.MessageFromInvoke(answer));
    }

    [Theory]
    [InlineData("d3c1a6f0-1b2c-4d5e-8f90-a1b2c3d4e5f6", "28:learningbot", "https://teams.microsoft.com/l/chat/0/0?users=28:d3c1a6f0-1b2c-4d5e-8f90-a1b2c3d4e5f6")]
    [InlineData(null, "28:learningbot", "https://teams.microsoft.com/l/chat/0/0?users=28:learningbot")]
    [InlineData("", null, "")]
    public void The_button_opens_the_bots_own_chat_from_its_app_id(string? appId, string? botAccount, string expected) =>
        Assert.Equal(expected, ReviewPrivateChat.ChatLink(appId, botAccount));

    /// <summary>A draft for Tom, made in the manager's 1:1 chat, and the data its step card's buttons carry.</summary>
    private async Task<JsonObject> DraftButtonDataAsync()
    {
        var team = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.start", []));
        var step = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", ReviewHarness.FindOpenButton(team, _h.Tom.AadObjectId)));
        return CardJson.ActionByTitle(step, "Save and continue")!["data"]!.DeepClone().AsObject();
    }

    private async Task<JsonObject> PressAsync(string verb, JsonObject data, string conversationId, string conversationType, TestPerson? user = null)
    {
        var activity = Shared(TeamsActivities.ExecuteAction(_h.ServiceUrl, verb, data), conversationId, conversationType, user);
        var response = await _h.Bot.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BotTestHost.ReadJsonAsync(response);
    }

    private async Task Post(JsonObject activity)
    {
        var response = await _h.Bot.PostActivityAsync(activity);
        Assert.True(response.IsSuccessStatusCode, $"The bot answered {response.StatusCode}.");
    }

    private static JsonObject Shared(JsonObject activity, string conversationId, string? conversationType, TestPerson? user = null)
    {
        user ??= ReviewHarness.Manager;
        activity["from"] = new JsonObject { ["id"] = user.TeamsId, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId };
        activity["conversation"]!["id"] = conversationId;
        activity["conversation"]!["conversationType"] = conversationType;
        activity["conversation"]!["isGroup"] = true;
        return activity;
    }

    /// <summary>Everything the bot posted into a shared conversation, as readable JSON.</summary>
    private List<string> PostedIn(string conversationId) =>
        [.. _h.Bot.Connector.Sent
            .Where(s => s.ConversationId.StartsWith(conversationId.Split(';')[0], StringComparison.Ordinal))
            .Select(s => s.Activity.Attachments is { Count: > 0 } attachments
                ? CardJson.Readable(JsonNode.Parse(attachments[0].Content!.ToJsonString())!.AsObject())
                : s.Activity.Text ?? string.Empty)];

    private void AssertNothingPersonal(string posted)
    {
        foreach (var word in new[] { "Tom", "Grace", "Margaret", "Okafor", "Overdue", "Due:", "In progress", "Done:", "Step 1", "review.open" })
        {
            Assert.DoesNotContain(word, posted, StringComparison.Ordinal);
        }
    }
}
