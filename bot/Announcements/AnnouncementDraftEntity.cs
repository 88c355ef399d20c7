using LearningBot.Storage;

namespace LearningBot.Announcements;

/// <summary>
/// A row of <c>AnnouncementDrafts</c>: one announcement as its author previewed it (title and message already
/// scrubbed of identifiers), filed under the author's key (encoded) so only they can send it. The row key is
/// <c>draft|</c> and the draft id, which is also the delivery's idempotency key.
/// </summary>
public sealed record AnnouncementDraftEntity : TableRow
{
    public string DraftId { get; init; } = string.Empty;

    /// <summary>The author's person key (the partition key is its encoded form).</summary>
    public string AuthorKey { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string Audience { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many people the preview counted (the "Sending…" card repeats it without reading the directory again).</summary>
    public int AudienceSize { get; init; }

    /// <summary>Set once when Send is first pressed: from then on the dispatcher owes this draft a delivery.</summary>
    public DateTimeOffset? SendRequestedAt { get; init; }

    /// <summary>Where the author pressed Send (a conversation reference as JSON): the progress card goes there.</summary>
    public string? ProgressTo { get; init; }

    /// <summary>The delivery once it has been started; empty while the dispatcher still owes it.</summary>
    public string? DeliveryId { get; init; }

    public static string RowKeyOf(string draftId) => "draft|" + draftId;
}
