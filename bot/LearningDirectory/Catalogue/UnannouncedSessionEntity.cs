using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>
/// A new session whose listeners (course alerts) have not yet been told, row <c>unannounced|{session id}</c> in its
/// offer's partition. It is written in the same transaction as the session, so a session is never added without it,
/// and removed once the session has been announced: an instance that stops in between leaves it for any instance's sweep.
/// </summary>
public sealed record UnannouncedSessionEntity : TableRow
{
    public const string RowPrefix = "unannounced|";

    public string OfferId { get; init; } = string.Empty;

    public string SessionId { get; init; } = string.Empty;

    public static UnannouncedSessionEntity For(string offerId, string sessionId) => new()
    {
        PartitionKey = CourseOfferEntity.PartitionFor(offerId),
        RowKey = RowPrefix + TableKeys.Encode(sessionId),
        OfferId = offerId,
        SessionId = sessionId,
    };
}
