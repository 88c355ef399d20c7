using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>One line of a ticket's history: who did what, when. Its row key is the ticket version the change made.</summary>
public sealed record TicketHistoryEntity : TableRow
{
    public const string RowKeyPrefix = "history-";

    public string Action { get; init; } = string.Empty;
    public string ActorKey { get; init; } = string.Empty;
    public string ActorName { get; init; } = string.Empty;
    public DateTimeOffset At { get; init; }
    public string? Detail { get; init; }

    public static string RowKeyFor(int version) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RowKeyPrefix}{version:D6}");

    public static TicketHistoryEntity For(string ticketId, string action, Actor actor, DateTimeOffset at, string? detail = null) => new()
    {
        PartitionKey = ticketId,
        Action = action,
        ActorKey = actor.Key,
        ActorName = actor.Name,
        At = at,
        Detail = detail,
    };
}
