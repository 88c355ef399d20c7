using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Outbox;
using LearningBot.People;
using LearningBot.Privacy;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>
/// A person asks their manager (or volunteer coordinator, as the people directory says) for a review: a reason, a
/// few words and their own view if they like, all scrubbed. The manager is sent a card through the outbox with
/// "Start the review", which opens step 1 with the person's view already on step 2. A second request within
/// <see cref="AskingOptions.RequestRepeatDays"/> is not sent again.
/// </summary>
public sealed class ReviewRequestFeature(
    ReviewRequests requests,
    ReviewDrafts drafts,
    ReviewStore store,
    ReviewForms forms,
    IPeopleDirectory people,
    OutboxDispatcher outbox,
    ReviewPrivateChat privateChat,
    CardCatalog cards,
    TimeProvider clock,
    IOptions<AskingOptions> options,
    ILogger<ReviewRequestFeature> logger) : IBotFeature
{
    public const string NoManager =
        "The people directory doesn't list a manager or volunteer coordinator for you, so I can't send a request. "
        + "Please ask the person who organises your work, or the L&D Support Team, who can update the directory.";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCommand(ShowRequestCardAsync, "ask for a review", "I'd like a review", "I’d like a review", "id like a review", "request a review",
                "I would like a review", "I want a review", "I need a review", "can I have a review", "ask my manager for a review")
            .OnCardAction(AskingVerbs.Request, PersonOnly(SendAsync))
            .OnCardAction(AskingVerbs.StartRequested, ManagerOnly(StartAsync));
    }

    private static CardActionHandler PersonOnly(CardActionHandler handler) => (turn, action) =>
        ReviewPrivateChat.IsShared(turn.Activity) ? Task.FromResult(CardActionResult.Message(ReviewPrivateChat.PersonNotice)) : handler(turn, action);

    private CardActionHandler ManagerOnly(CardActionHandler handler) => async (turn, action) =>
        ReviewPrivateChat.IsShared(turn.Activity) ? CardActionResult.Replace(await privateChat.RedirectAsync(turn)) : await handler(turn, action);

    private async Task ShowRequestCardAsync(ITurnContext turn)
    {
        if (ReviewPrivateChat.IsShared(turn.Activity))
        {
            await turn.SendTextAsync(ReviewPrivateChat.PersonNotice);
            return;
        }

        var manager = await people.GetManagerAsync(turn.CallerKey(), turn.Aborted);
        if (manager is null)
        {
            await turn.SendTextAsync(NoManager);
            return;
        }

        await turn.SendCardAsync(await RecentCardAsync(manager, turn.CallerKey(), turn.Aborted) ?? RequestCard(manager));
    }

    /// <summary>The person presses "Send my request": the manager is the directory's, never the card's.</summary>
    private async Task<CardActionResult> SendAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        var manager = await people.GetManagerAsync(caller, turn.Aborted);
        if (manager is null)
        {
            return CardActionResult.Message(NoManager);
        }

        var submitted = action.Submitted();
        if (CardSubmission.Refusal(RequestCard(manager), submitted) is { } refusal)
        {
            return refusal;
        }

        if (await RecentCardAsync(manager, caller, turn.Aborted) is { } recent)
        {
            return CardActionResult.Update(recent);
        }

        // Nothing is sent while something had to be removed: the person sees the scrubbed words first.
        var today = UkTime.Today(clock);
        var reason = ReviewForms.Text(submitted, "reason");
        var words = PersonalDataScrubber.Scrub(ReviewForms.Text(submitted, "reasonWords"), today);
        var view = PersonalDataScrubber.Scrub(ReviewForms.Text(submitted, "ownView"), today);
        if (words.WasScrubbed || view.WasScrubbed)
        {
            var removedNote = $"I removed {PersonalDataScrubber.DescribeAll([.. words.Removed.Concat(view.Removed).Distinct(StringComparer.Ordinal)])} "
                + "from what you wrote: the text shows where. Check it and press Send my request again.";
            return CardActionResult.Replace(RequestCard(manager, reason, words.Text, view.Text, removedNote));
        }

        var previous = await requests.GetAsync(manager.Id, caller, turn.Aborted);
        var request = new ReviewRequestEntity
        {
            ManagerId = manager.Id,
            PersonId = caller,
            PersonName = (await people.GetPersonAsync(caller, turn.Aborted))?.DisplayName ?? turn.Caller.Name ?? "Someone in your team",
            Reason = reason,
            RequestedAt = clock.GetUtcNow(),
        }.WithWords(words, view);
        var note = OutboxMessage.CardToPerson("request", manager.Id, NoteCard(request));
        if (!await requests.SaveAsync(request, previous, note, turn.Aborted))
        {
            // Another press saved a request at the same moment: that one stands.
            return CardActionResult.Update(await RecentCardAsync(manager, caller, turn.Aborted) ?? RequestCard(manager));
        }

        logger.LogInformation("Person {PersonId} asked manager {ManagerId} for a review", caller, manager.Id);
        var reports = await outbox.DeliverSoonAsync(ReviewStore.TableName, ReviewStore.Partition(manager.Id), turn.Aborted);
        var row = OutboxEntity.RowKeyFor(ReviewRequests.NotificationId(request));
        var status = reports.FirstOrDefault(r => r.RowKey == row)?.Outcome switch
        {
            OutboxOutcome.Delivered => $"I've sent your request to {manager.DisplayName}. They'll see a card with a button to start the review.",
            OutboxOutcome.Unreachable or OutboxOutcome.Expired =>
                $"{manager.DisplayName} hasn't used LearningBot in Teams yet, so I couldn't send them a card. Please ask them in person; your request is saved.",
            _ => $"Your request is on its way to {manager.DisplayName}: they'll get a card as soon as Teams takes it.",
        };
        return CardActionResult.Update(SentCard(manager, status + (request.OwnView.Length > 0 ? " Your view will be ready for them on step 2." : string.Empty)));
    }

    /// <summary>The manager's "Start the review": their draft for the person, with the person's own view put on step 2.</summary>
    private async Task<CardActionResult> StartAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        var personId = action.GetString("personId");
        if (personId is null || !await people.IsManagerOfAsync(caller, personId, turn.Aborted))
        {
            return CardActionResult.Message(ReviewDrafts.NotYourReview);
        }

        var draft = await drafts.ResumeOrStartAsync(caller, turn.Caller.Name, personId, turn.Aborted);
        if (draft is null)
        {
            return CardActionResult.Message("Sorry, I can't find that person any more. Type **review** to see your team again.");
        }

        if (draft.PersonOwnView.Length == 0 && await requests.GetAsync(caller, personId, turn.Aborted) is { OwnView.Length: > 0 } request)
        {
            // Stored scrubbed; scrubbing scrubbed text leaves it as it is.
            var view = PersonalDataScrubber.Scrub(request.OwnView, UkTime.Today(clock));
            draft = await store.UpdateDraftAsync(caller, personId, d => d.PersonOwnView.Length == 0 ? d.WithPersonOwnView(view) : d, turn.Aborted) ?? draft;
        }

        return CardActionResult.Replace(forms.Render(draft, draft.Step));
    }

    /// <summary>The card saying a request was sent recently, or null when the person may ask again.</summary>
    private async Task<JsonObject?> RecentCardAsync(Person manager, string personId, CancellationToken cancellationToken)
    {
        var previous = await requests.GetAsync(manager.Id, personId, cancellationToken);
        if (previous is null || clock.GetUtcNow() - previous.RequestedAt >= TimeSpan.FromDays(options.Value.RequestRepeatDays))
        {
            return null;
        }

        return SentCard(manager, $"You asked {manager.DisplayName} for a review on {ReviewDates.InWords(previous.RequestedAt)}, so I haven't sent it again. "
            + $"If you haven't heard back in a few days, have a word with them, or ask me again after {ReviewDates.InWords(previous.RequestedAt.AddDays(options.Value.RequestRepeatDays))}.");
    }

    private JsonObject RequestCard(Person manager, string reason = "", string words = "", string view = "", string note = "") =>
        cards.Render(new ReviewRequestCardData(manager.DisplayName, Sent: false, string.Empty, RequestReasons.All, reason, words, view, note));

    private JsonObject SentCard(Person manager, string status) =>
        cards.Render(new ReviewRequestCardData(manager.DisplayName, Sent: true, status, RequestReasons.All));

    private JsonObject NoteCard(ReviewRequestEntity request)
    {
        var first = ReviewSummary.FirstName(request.PersonName);
        return cards.Render(new ReviewRequestNoteCardData(request.PersonId, request.PersonName, first,
            RequestReasons.TitleOf(request.Reason), CardText.Literal(request.ReasonWords), ViewLine(request)));
    }

    private static string ViewLine(ReviewRequestEntity request) =>
        request.OwnView.Length > 0 ? $"{ReviewSummary.FirstName(request.PersonName)} has written their view: it will be on step 2 when you start the review." : string.Empty;
}
