using System.Text.Json.Nodes;
using LearningBot.BotHost;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.People;
using LearningBot.Privacy;

namespace LearningBot.FiveMinuteReview.History;

/// <summary>
/// <c>my reviews</c>: anyone's own Five Minute Reviews, newest first, a page at a time, each with its printable page;
/// acknowledging one (the person's copy and its existing Acknowledge), adding a comment to any, and saying whether
/// their manager now may see the notes of reviews held with earlier managers. Every press reaches only reviews whose
/// person is the caller.
/// </summary>
public sealed class MyReviewsFeature(
    ReviewHistory history,
    ReviewDelivery delivery,
    IPeopleDirectory people,
    PrintLinks printLinks,
    PublicLinks publicLinks,
    CardCatalog cards,
    TimeProvider clock) : IBotFeature
{
    public const int PageSize = 5;

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCommand(ShowAsync, "my reviews", "my review", "my five minute reviews", "my 5 minute reviews", "my five minute review", "my past reviews")
            .OnCardAction(HistoryVerbs.Mine, Private(PageAsync))
            .OnCardAction(HistoryVerbs.OpenMine, Private(OpenAsync))
            .OnCardAction(HistoryVerbs.Comment, Private(CommentAsync))
            .OnCardAction(HistoryVerbs.Notes, Private(NotesAsync));
    }

    /// <summary>The person's reviews are theirs alone: in a channel or group chat nothing of them is shown.</summary>
    private static CardActionHandler Private(CardActionHandler handler) => (turn, action) =>
        ReviewPrivateChat.IsShared(turn.Activity) ? Task.FromResult(CardActionResult.Message(ReviewPrivateChat.PersonNotice)) : handler(turn, action);

    private async Task ShowAsync(ITurnContext turn)
    {
        if (ReviewPrivateChat.IsShared(turn.Activity))
        {
            await turn.SendTextAsync(ReviewPrivateChat.PersonNotice);
            return;
        }

        await turn.SendCardAsync(await RenderAsync(turn.CallerKey(), 1, string.Empty, turn.Aborted));
    }

    private async Task<CardActionResult> PageAsync(ITurnContext turn, CardActionRequest action) =>
        CardActionResult.Replace(await RenderAsync(turn.CallerKey(), action.GetInt("page") ?? 1, string.Empty, turn.Aborted));

    /// <summary>Acknowledge opens the person's copy (acknowledged there as ever); Add a comment opens the comment card.</summary>
    private async Task<CardActionResult> OpenAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        if (await history.OwnReviewAsync(caller, action.GetString("managerId"), action.GetString("reviewId"), turn.Aborted) is not { } review)
        {
            return CardActionResult.Message(NotYours);
        }

        return action.GetString("show") == "acknowledge" && review.AcknowledgedAt is null
            ? CardActionResult.Replace(delivery.PersonCard(review))
            : CardActionResult.Replace(await CommentCardAsync(review, string.Empty, turn.Aborted));
    }

    /// <summary>Adds a comment, scrubbed; the same card pressed again stores it once and tells the manager once.</summary>
    private async Task<CardActionResult> CommentAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        if (await history.OwnReviewAsync(caller, action.GetString("managerId"), action.GetString("reviewId"), turn.Aborted) is not { } review
            || action.GetString("commentId") is not { Length: > 0 and <= 64 } commentId)
        {
            return CardActionResult.Message(NotYours);
        }

        var submitted = action.Submitted();
        if (CardSubmission.Refusal((await CommentCardAsync(review, string.Empty, turn.Aborted, commentId)).Card, submitted) is { } refusal)
        {
            return refusal;
        }

        // Nothing is saved while something had to be removed: the person sees the scrubbed text first.
        var comment = PersonalDataScrubber.Scrub(ReviewForms.Text(submitted, "comment"), Today());
        if (comment.WasScrubbed)
        {
            return CardActionResult.Replace(await CommentCardAsync(review, string.Empty, turn.Aborted, commentId, comment.Text, PersonalDataScrubber.DescribeAll(comment.Removed)));
        }

        var first = ReviewSummary.FirstName(review.ManagerName);
        var stillTheirManager = await people.IsManagerOfAsync(review.ManagerId, caller, turn.Aborted);
        if (await history.AddCommentAsync(caller, review.ReviewId, commentId, comment, clock.GetUtcNow(), turn.Aborted) && stillTheirManager)
        {
            await delivery.TellManagerAsync(review.ManagerId,
                $"{review.PersonName} added a comment to their Five Minute Review of {HeldOn(review)}: \"{CardText.Literal(comment.Text)}\"", turn.Aborted);
        }

        var note = stillTheirManager ? $"Your comment is saved with the review, and {first} has been told." : "Your comment is saved with the review.";
        return CardActionResult.Update(await CommentCardAsync(review, note, turn.Aborted));
    }

    /// <summary>The person says whether their current manager may see the notes of earlier reviews; only about their current manager.</summary>
    private async Task<CardActionResult> NotesAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        if (action.GetString("managerId") is not { } managerId || action.GetBool("agree") is not { } agree
            || !await people.IsManagerOfAsync(managerId, caller, turn.Aborted)
            || await people.GetPersonAsync(managerId, turn.Aborted) is not { } manager)
        {
            return CardActionResult.Message("That person is not your manager now, so nothing has changed. Type **my reviews** to see your reviews.");
        }

        await history.AnswerAboutNotesAsync(caller, manager.Id, manager.DisplayName, agree, clock.GetUtcNow(), turn.Aborted);
        var answered = NotesAskCardData.For(manager.Id, manager.DisplayName, agree);
        return action.GetString("from") == "mine"
            ? CardActionResult.Update(await RenderAsync(caller, 1, answered.Answer, turn.Aborted))
            : CardActionResult.Update(cards.Render(answered));
    }

    private async Task<JsonObject> RenderAsync(string personId, int page, string note, CancellationToken cancellationToken)
    {
        var reviews = await history.ReviewsAsync(personId, cancellationToken);
        var pages = Math.Max(1, (reviews.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = reviews.Skip((page - 1) * PageSize).Take(PageSize).Select(Line).ToList();
        var pageLine = reviews.Count == 0 ? string.Empty
            : pages == 1 ? $"{reviews.Count} review{(reviews.Count == 1 ? string.Empty : "s")}, newest first."
            : $"Page {page} of {pages}: {reviews.Count} reviews, newest first.";
        var (notesLine, notesButton, managerId, agree) = await NotesQuestionAsync(personId, reviews, cancellationToken);
        return cards.Render(new MyReviewsCardData(note, reviews.Count > 0, shown, pageLine,
            page > 1, page - 1, page < pages, page + 1, notesLine, notesButton, managerId, agree));
    }

    /// <summary>Shown once the person has a manager other than the one who held an earlier review (or was asked about them).</summary>
    private async Task<(string Line, string Button, string ManagerId, bool Agree)> NotesQuestionAsync(
        string personId, IReadOnlyList<ReviewEntity> reviews, CancellationToken cancellationToken)
    {
        if (await people.GetManagerAsync(personId, cancellationToken) is not { } manager)
        {
            return (string.Empty, string.Empty, string.Empty, false);
        }

        var consent = await history.NotesConsentAsync(personId, manager.Id, cancellationToken);
        if (consent is null && reviews.All(r => r.ManagerId == manager.Id))
        {
            return (string.Empty, string.Empty, string.Empty, false);
        }

        var first = ReviewSummary.FirstName(manager.DisplayName);
        return consent?.Agreed == true
            ? ($"{manager.DisplayName}, your manager now, can see the notes of your reviews with other managers.", ButtonTitle.WithName(first, n => $"Stop {n} seeing the notes", "Stop sharing the notes"), manager.Id, false)
            : ($"{manager.DisplayName}, your manager now, sees only the objectives and learning needs of your reviews with other managers, not the notes.", ButtonTitle.WithName(first, n => $"Let {n} see the notes", "Share the notes"), manager.Id, true);
    }

    private MyReviewData Line(ReviewEntity review)
    {
        var objectives = review.Objectives;
        var headline = objectives.Count switch
        {
            0 => "No new objectives were set.",
            1 => $"Objective: {objectives[0].What}",
            _ => $"Objectives: {objectives[0].What} (and {objectives.Count - 1} more)",
        };
        var (status, colour) = review.AcknowledgedAt is { } at ? ($"Acknowledged on {ReviewDates.InWords(at)}", "good") : ("Not yet acknowledged", "warning");
        return new MyReviewData(review.ReviewId, review.ManagerId, $"{HeldOn(review)} with {review.ManagerName}", CardText.Literal(headline),
            status, colour, review.AcknowledgedAt is not null, PrintUrl(review.ReviewId));
    }

    /// <summary>
    /// The review with the person's comments and a box for another, with a shorter form for when the review and many
    /// comments are too long for a Teams card together: the comments and the box without the review.
    /// </summary>
    private async Task<CardReply> CommentCardAsync(
        ReviewEntity review, string note, CancellationToken cancellationToken, string? commentId = null, string comment = "", string removed = "")
    {
        var comments = await history.CommentsAsync(review.PersonId, review.ReviewId, cancellationToken);
        var earlier = comments.Select(c => new SummarySection($"Your comment on {ReviewDates.InWords(c.AddedAt)}", CardText.Literal(c.Text))).ToList();
        if (review.PersonComment.Length > 0)
        {
            earlier.Insert(0, new SummarySection("Your comment when you acknowledged it", CardText.Literal(review.PersonComment)));
        }

        var data = new ReviewCommentCardData(
            review.ReviewId, review.ManagerId, commentId ?? Guid.NewGuid().ToString("N"), $"Your Five Minute Review with {review.ManagerName}",
            $"Held on {HeldOn(review)}.", ReviewSummary.Sections(review, forPerson: true), earlier, note, comment, removed);
        const string WithoutReview = "The review and your comments are too long to show together in Teams, so here are your comments. The review is in your copy of it.";
        return new(cards.Render(data), () => cards.Render(data with { Sections = [], Note = note.Length > 0 ? $"{note} {WithoutReview}" : WithoutReview }));
    }

    private string PrintUrl(string reviewId) =>
        publicLinks.CurrentBaseUrl is { } baseUrl ? baseUrl.TrimEnd('/') + printLinks.Create(reviewId).PathAndQuery : string.Empty;

    private static string HeldOn(ReviewEntity review) => ReviewDates.InWords(review.ConfirmedAt ?? review.UpdatedAt);

    private DateOnly Today() => UkTime.Today(clock);

    private const string NotYours = "Sorry, you can only open your own reviews. Type **my reviews** to see them.";
}
