using System.Text.Json.Nodes;
using LearningBot.BotHost;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Outbox;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Gets a saved review to the people it belongs to: the person's copy in Teams to acknowledge (owed by the save itself
/// and delivered by the outbox, see <see cref="ReviewPersonCopy"/>), the manager's copy with a printable link, and
/// short notes to the manager when the person answers.
/// </summary>
public sealed class ReviewDelivery(
    ReviewStore store,
    ProactiveMessenger messenger,
    OutboxDispatcher outbox,
    PrintLinks printLinks,
    PublicLinks publicLinks,
    CardCatalog cards,
    ILogger<ReviewDelivery> logger)
{
    /// <summary>
    /// Has the outbox send the person their copy now (the save already owes it), waits briefly for it, and returns the
    /// manager's saved card: sent, on its way, or (when the person cannot be reached) to be printed.
    /// </summary>
    public async Task<JsonObject> DeliverAsync(ReviewEntity review, CancellationToken cancellationToken)
    {
        var onItsWay = false;
        if (review.PersonUsesTeams)
        {
            var copy = OutboxEntity.RowKeyFor(ReviewPersonCopy.NotificationId(review.ReviewId));
            var reports = await outbox.DeliverSoonAsync(ReviewStore.TableName, ReviewStore.Partition(review.ManagerId), cancellationToken);
            review = await store.GetReviewAsync(review.ManagerId, review.ReviewId, cancellationToken) ?? review;
            onItsWay = review.SentToPersonAt is null
                && !reports.Any(report => report.RowKey == copy && report.Outcome is OutboxOutcome.Unreachable or OutboxOutcome.Expired);
        }

        return SavedCard(review, $"Review with {review.PersonName} saved", onItsWay);
    }

    public Task<JsonObject> SavedCardAsync(ReviewEntity review, CancellationToken cancellationToken) =>
        Task.FromResult(SavedCard(review, $"Review with {review.PersonName} saved"));

    public JsonObject SavedCard(ReviewEntity review, string heading) => SavedCard(review, heading, copyOnItsWay: false);

    private JsonObject SavedCard(ReviewEntity review, string heading, bool copyOnItsWay)
    {
        var first = ReviewSummary.FirstName(review.PersonName);
        var (printUrl, expires) = PrintLink(review.ReviewId);
        var minutes = review.DurationSeconds is { } seconds ? Math.Max(1, (int)Math.Round(seconds / 60)) : (int?)null;
        var savedLine = $"Saved on {ReviewDates.InWords(review.ConfirmedAt ?? review.UpdatedAt)}."
            + (minutes is { } m ? $" It took {m} minute{(m == 1 ? string.Empty : "s")}." : string.Empty);
        if (review.HeldOnPaper)
        {
            savedLine = $"Held on {ReviewDates.InWords(review.ConfirmedAt ?? review.UpdatedAt)} and signed on paper; recorded on {ReviewDates.InWords(review.UpdatedAt)}.";
        }

        var printNote = printUrl.Length > 0 ? $" The printable link works until {ReviewDates.InWords(expires)}." : string.Empty;
        var delivery = (review.PersonUsesTeams, review.SentToPersonAt) switch
        {
            (false, _) => $"{first} doesn't use Teams, so print this review and give them a copy.{printNote}",
            (true, not null) => $"{first} has been sent a copy in Teams to read and acknowledge.",
            (true, null) when copyOnItsWay => $"{first} will be sent a copy in Teams to read and acknowledge as soon as Teams takes it.",
            _ => $"{first} hasn't used LearningBot in Teams yet, so I couldn't send them a copy. Print it for them instead.{printNote}",
        };
        var acknowledged = review.AcknowledgedAt is { } at ? $"{first} acknowledged this review on {ReviewDates.InWords(at)}." : string.Empty;
        return cards.Render(new ReviewSavedCardData(heading, review.PersonName, first, savedLine, review.AcknowledgedAt is null ? delivery : string.Empty,
            acknowledged, review.PersonComment, ReviewSummary.Sections(review), ReviewDates.InWords(review.NextReviewOn), printUrl));
    }

    /// <summary>The person's copy; <paramref name="comment"/> and <paramref name="removed"/> bring back a scrubbed comment before anything is saved.</summary>
    public JsonObject PersonCard(ReviewEntity review, string comment = "", string removed = "") =>
        cards.Render(new ReviewPersonCardData(
            review.ReviewId, review.ManagerId, review.ManagerName, ReviewSummary.FirstName(review.ManagerName),
            ReviewDates.InWords(review.ConfirmedAt ?? review.UpdatedAt), ReviewSummary.Sections(review, forPerson: true),
            ReviewDates.InWords(review.NextReviewOn), review.AcknowledgedAt is not null,
            review.AcknowledgedAt is { } at ? ReviewDates.InWords(at) : string.Empty, review.PersonComment, comment, removed,
            [.. review.ApproachIds.Select(id => new ChoiceData(ReviewChoices.TitleOf(ReviewChoices.LearningApproaches, id), id)).Where(a => a.Title.Length > 0)]));

    /// <summary>The short card asking the person for their view before the conversation (thanking them once <paramref name="answered"/>).</summary>
    public JsonObject AskCard(ReviewEntity draft, bool answered, string ownView = "", string removed = "") =>
        cards.Render(new ReviewAskCardData(draft.ReviewId, draft.ManagerId, draft.ManagerName, ReviewSummary.FirstName(draft.ManagerName), answered, ownView, removed));

    /// <summary>Sends the person a short card asking for their view; false when they cannot be reached.</summary>
    public async Task<bool> AskForViewAsync(ReviewEntity draft, CancellationToken cancellationToken) =>
        await messenger.SendCardToPersonAsync(draft.PersonId, AskCard(draft, answered: false), cancellationToken) is not null;

    public async Task TellManagerAsync(string managerId, string text, CancellationToken cancellationToken)
    {
        var message = new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" };
        if (await messenger.SendToPersonAsync(managerId, message, cancellationToken) is null)
        {
            logger.LogInformation("Could not reach manager {ManagerId} with a review update", managerId);
        }
    }

    public async Task TellManagerOfAcknowledgmentAsync(ReviewEntity review, CancellationToken cancellationToken)
    {
        var card = SavedCard(review, $"{review.PersonName} acknowledged their review");
        if (await messenger.SendCardToPersonAsync(review.ManagerId, card, cancellationToken) is null)
        {
            logger.LogInformation("Could not tell manager {ManagerId} about the acknowledgment of review {ReviewId}", review.ManagerId, review.ReviewId);
        }
    }

    private (string Url, DateTimeOffset Expires) PrintLink(string reviewId)
    {
        var baseUrl = publicLinks.CurrentBaseUrl;
        if (baseUrl is null)
        {
            return (string.Empty, default);
        }

        var (path, expires) = printLinks.Create(reviewId);
        return (baseUrl.TrimEnd('/') + path, expires);
    }
}
