using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.OneStopShop.Escalation.EscalationScenario;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>
/// An expert's answer ticked for the knowledge base, through the real pipeline on Azurite: it waits as a draft that
/// answers nobody, a support-team member edits and publishes it in Teams, and then it answers. The answer keeps the
/// team's own contact details on the way.
/// </summary>
public sealed class KnowledgeDraftFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Question = "Where do I find the Quizzaroo dementia friends quiz for volunteers?";
    private const string OtherChat = "a:other-asker";

    private EscalationScenario _hub = null!;

    public async Task InitializeAsync() => _hub = await EscalationScenario.StartAsync(azurite, settings: new Dictionary<string, string?>
    {
        ["Privacy:WorkContacts:Addresses:0"] = "ld.support@example.org",
        ["Privacy:WorkContacts:Phones:0"] = "01632 960000",
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task An_experts_answer_keeps_the_team_mailbox_and_switchboard_but_not_a_personal_email_or_an_NHS_number()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);

        var card = await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject
        {
            ["ticketId"] = ticketId,
            ["answer"] = "Email ld.support@example.org or ring the switchboard on 01632 960000, not sam.patel1984@gmail.com. Patient 943 476 5919 has a copy.",
        }));

        Assert.Equal(
            "Email ld.support@example.org or ring the switchboard on 01632 960000, not [email address removed]. Patient [NHS number removed] has a copy.",
            InputValue(card, "answer"));
        Assert.Contains("I removed an email address and an NHS number from your answer", CardJson.Texts(card), StringComparison.Ordinal);

        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = InputValue(card, "answer") }));

        var delivered = Assert.Single(_hub.AskerCards(), text => text.Contains("Answer from Sam Patel", StringComparison.Ordinal));
        Assert.Contains("ld.support@example.org", delivered, StringComparison.Ordinal);
        Assert.Contains("01632 960000", delivered, StringComparison.Ordinal);
        Assert.DoesNotContain("gmail", delivered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticked_answer_answers_nobody_until_the_support_team_edits_and_publishes_its_draft()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject
        {
            ["ticketId"] = ticketId,
            ["answer"] = "Hi Alex,\n\nThe Quizzaroo quiz is on the hub's dementia page; email ld.support@example.org for a printed copy.\n\nThanks,\nSam",
            ["addToKnowledgeBase"] = "true",
        }));
        var draftId = (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.ArticleId!;

        var before = await AnswerToSomeoneElseAsync();
        Assert.DoesNotContain("printed copy", before, StringComparison.Ordinal);
        Assert.Null(await Store.FindAsync(draftId, CancellationToken.None));

        var listed = await SupportTeamSaysAsync("knowledge drafts");
        Assert.Contains(draftId, listed, StringComparison.Ordinal);
        Assert.Contains(Question, listed, StringComparison.Ordinal);
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Sam, $"edit draft {draftId}", SamChat));
        var editor = CardJson.Texts(_hub.Connector.Sent.Last(s => s.ConversationId == SamChat).Activity);
        Assert.Contains("Saving publishes it", editor, StringComparison.Ordinal);
        Assert.Contains("The Quizzaroo quiz is on the hub's dementia page", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("Hi Alex", editor, StringComparison.Ordinal);

        var untitled = await PublishAsync(draftId, AnswerArticle.UntitledPrefix + " LD-0000-0000");
        Assert.Contains("Give the article a title people will recognise", CardJson.Texts(untitled), StringComparison.Ordinal);
        Assert.Null(await Store.FindAsync(draftId, CancellationToken.None));

        var published = await PublishAsync(draftId, "The Quizzaroo dementia friends quiz");
        Assert.Contains("Published as version 1", CardJson.Texts(published), StringComparison.Ordinal);
        Assert.Empty(await Store.DraftsAsync(CancellationToken.None));
        var stored = await Store.FindAsync(draftId, CancellationToken.None);
        Assert.Equal("The Quizzaroo dementia friends quiz", stored!.Title);
        Assert.Equal("Dementia Friends lead", stored.Owner);

        var after = await AnswerToSomeoneElseAsync();
        Assert.Contains("printed copy", after, StringComparison.Ordinal);
        Assert.Contains("ld.support@example.org", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_support_team_sees_and_publishes_drafts()
    {
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Outsider, "knowledge drafts", OtherChat));
        var publish = await _hub.InvokeAsync(_hub.PersonalAction(Outsider, ArticleEditorCardData.SaveVerb, new JsonObject { ["isDraft"] = true, ["articleId"] = "anything" }));

        var reply = _hub.Connector.Sent.Last(s => s.ConversationId == OtherChat).Activity.Text;
        Assert.Contains("only the L&D Support Team", reply, StringComparison.Ordinal);
        Assert.Contains("only the L&D Support Team", publish["value"]!.ToString(), StringComparison.Ordinal);
    }

    private const string SamChat = "a:sam-personal";

    private KnowledgeArticleStore Store => _hub.Bot.Services.GetRequiredService<KnowledgeArticleStore>();

    private async Task<string> AnswerToSomeoneElseAsync()
    {
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Outsider, Question, OtherChat));
        return CardJson.Texts(_hub.Connector.Sent.Last(s => s.ConversationId == OtherChat).Activity);
    }

    private async Task<string> SupportTeamSaysAsync(string text)
    {
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Sam, text, SamChat));
        return _hub.Connector.Sent.Last(s => s.ConversationId == SamChat).Activity.Text ?? string.Empty;
    }

    private Task<JsonObject> PublishAsync(string draftId, string title) =>
        _hub.InvokeCardAsync(_hub.PersonalAction(Sam, ArticleEditorCardData.SaveVerb, new JsonObject
        {
            ["isDraft"] = true,
            ["isNew"] = false,
            ["articleId"] = draftId,
            ["title"] = title,
            ["summary"] = "Where to find the Quizzaroo quiz and how to get a printed copy.",
            ["tags"] = "dementia, quiz, volunteers",
            ["asked"] = Question,
            ["related"] = string.Empty,
            ["owner"] = "Dementia Friends lead",
            ["reviewBy"] = CardDates.ArticleReviewBy,
            ["body"] = "The Quizzaroo quiz is on the hub's dementia page; email ld.support@example.org for a printed copy.",
        }));
}
