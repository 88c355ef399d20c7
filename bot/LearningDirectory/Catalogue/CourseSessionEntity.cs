using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>
/// A session in the <c>LearningDirectory</c> table, in its offer's partition, row <c>session|{id}</c>. The place and a
/// joining route in words are set only from a <see cref="ScrubbedSession"/>.
/// </summary>
public sealed record CourseSessionEntity : TableRow
{
    public const string RowPrefix = "session|";

    public string OfferId { get; init; } = string.Empty;

    public string SessionId { get; init; } = string.Empty;

    public DateTimeOffset Starts { get; init; }

    public DateTimeOffset Ends { get; init; }

    public string? Place { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }

    public string? JoiningRoute { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }

    public int? PlacesLeft { get; init; }

    public bool IsCancelled { get; init; }

    /// <summary>The add form the session came from, so pressing Save twice finds the first press's session.</summary>
    public string? AddedWith { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }

    public static string RowFor(string sessionId) => RowPrefix + TableKeys.Encode(sessionId);

    public static CourseSessionEntity Create(ScrubbedSession session, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(session);
        var s = session.Session;
        return new CourseSessionEntity
        {
            PartitionKey = CourseOfferEntity.PartitionFor(s.OfferId), RowKey = RowFor(s.Id), OfferId = s.OfferId, SessionId = s.Id,
        }.With(session, by, at);
    }

#pragma warning disable LB0001 // The one way typed text gets in: from a ScrubbedSession.
    public CourseSessionEntity With(ScrubbedSession session, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(session);
        var s = session.Session;
        return this with
        {
            Starts = s.Starts, Ends = s.Ends, Place = s.Place, JoiningRoute = s.JoiningRoute, PlacesLeft = s.PlacesLeft,
            IsCancelled = s.IsCancelled, UpdatedBy = by, UpdatedAt = at,
        };
    }
#pragma warning restore LB0001

    public bool Holds(ScrubbedSession session) => ToSession() == session?.Session;

    public CourseSessionEntity Cancel(string by, DateTimeOffset at) => this with { IsCancelled = true, UpdatedBy = by, UpdatedAt = at };

    public CourseSession ToSession() => new(OfferId, SessionId, Starts, Ends, Place, JoiningRoute, PlacesLeft, IsCancelled);
}
