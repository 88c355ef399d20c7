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

    public string Title { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string Audience { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public static string RowKeyOf(string draftId) => "draft|" + draftId;
}
