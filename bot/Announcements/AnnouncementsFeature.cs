using System.Text.Json;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Privacy;

namespace LearningBot.Announcements;

/// <summary>
/// Announcements from the L&amp;D Support Team (every route needs <see cref="Roles.SupportTeam"/>): compose, preview
/// with the audience's size, send as one delivery, and a progress card that follows.
/// </summary>
/// <remarks>
/// What travels over the wire, exactly:
/// <list type="bullet">
/// <item>the message <c>announce</c> answers with the compose card (inputs <c>title</c>, <c>message</c>, <c>audience</c>);</item>
/// <item>Action.Execute <c>announce.preview</c> with data <c>{title, message, audience}</c> (audience: <c>everyone</c>,
/// <c>kind:&lt;organisation kind&gt;</c> such as <c>kind:primary-care</c>, or <c>me</c>) answers with the preview card,
/// whose Send action carries <c>{draftId}</c>; a submission that breaks the form's rules, or from which identifiers
/// were removed, answers with the compose card again, the problems marked;</item>
/// <item>Action.Execute <c>announce.send</c> with data <c>{draftId}</c> records the request and answers at once with the
/// "Sending…" card; <see cref="AnnouncementDispatcher"/> then starts the delivery outside the turn (once per draft,
/// however often Send is pressed or retried) and the progress card follows;</item>
/// <item>Action.Execute <c>announce.change</c> with data <c>{draftId}</c> answers with the compose card, filled in.</item>
/// </list>
/// The draft id is only a pointer: the content is loaded from the author's own drafts, so a forged or someone
/// else's id finds nothing.
/// </remarks>
public sealed class AnnouncementsFeature(
    AnnouncementCards cards,
    AnnouncementDrafts drafts,
    AnnouncementAudience audience,
    AnnouncementDispatcher dispatcher,
    TimeProvider clock) : IBotFeature
{
    public const string Purpose = "announcement";
    public const string DraftGone = "I can't find that announcement. Type \"announce\" to write it again.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.SupportTeam)
            .OnCommand(turn => turn.SendCardAsync(cards.Compose()), "announce", "new announcement", "send an announcement")
            .OnCardAction(AnnouncementVerbs.Preview, PreviewAsync)
            .OnCardAction(AnnouncementVerbs.Change, ChangeAsync)
            .OnCardAction(AnnouncementVerbs.Send, SendAsync);

    private async Task<CardActionResult> PreviewAsync(ITurnContext turn, CardActionRequest action)
    {
        var chosen = action.GetString("audience") ?? string.Empty;
        var form = cards.Compose(action.GetString("title") ?? string.Empty, action.GetString("message") ?? string.Empty, chosen);
        if (CardSubmission.Refusal(form, action.Submitted()) is { } refusal)
        {
            return refusal;
        }

        var today = UkTime.Today(clock);
        var title = PersonalDataScrubber.Scrub(action.GetString("title"), today);
        var message = PersonalDataScrubber.Scrub(action.GetString("message"), today);
        if (title.WasScrubbed || message.WasScrubbed)
        {
            return CardActionResult.Replace(cards.Compose(title.Text, message.Text, chosen, PersonalDataScrubber.DescribeAll(title.Removed.Concat(message.Removed))));
        }

        var author = AuthorOf(turn);
        var size = await audience.MeasureAsync(chosen, author, turn.Aborted);
        var draft = await drafts.SaveAsync(author, title, message, chosen, size.People, turn.Aborted);
        return CardActionResult.Update(cards.Preview(draft, size));
    }

    private async Task<CardActionResult> ChangeAsync(ITurnContext turn, CardActionRequest action) =>
        await drafts.FindAsync(AuthorOf(turn), action.GetString("draftId"), turn.Aborted) is { } draft
            ? CardActionResult.Replace(cards.Compose(draft.Title, draft.Message, draft.Audience))
            : CardActionResult.Message(DraftGone);

    private async Task<CardActionResult> SendAsync(ITurnContext turn, CardActionRequest action)
    {
        var author = AuthorOf(turn);
        if (await drafts.FindAsync(author, action.GetString("draftId"), turn.Aborted) is not { } draft)
        {
            return CardActionResult.Message(DraftGone);
        }

        var progressTo = turn.ConversationReference is { } reference ? JsonSerializer.Serialize(reference, BotJson.Options) : null;
        var (requested, alreadyRequested) = await drafts.RequestSendAsync(draft, progressTo, turn.Aborted);
        if (!alreadyRequested)
        {
            dispatcher.Kick(requested);
        }

        return CardActionResult.Update(cards.Sending(requested, requested.AudienceSize, alreadyRequested));
    }

    /// <summary>The route guard has let in only a known member of the support team, so the caller has a key.</summary>
    private static string AuthorOf(ITurnContext turn) =>
        turn.Caller.PersonKey ?? throw new InvalidOperationException("An announcement needs a known author.");
}
