using System.Globalization;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// One asker's submit of one ask form, and the ticket it made: pressing submit again (a double click, or Teams
/// redelivering it) finds this row and so the same ticket. Partition <see cref="SubmitPartition"/> of the tickets
/// table, row key <see cref="RowKeyFor"/> of the asker and the form's token together, so the same token from
/// someone else is a different row and a ticket of their own.
/// </summary>
public sealed record TicketSubmitEntity : TableRow
{
    public TicketSubmitEntity()
    {
        PartitionKey = SubmitPartition;
    }

    /// <summary>Not a ticket id (those are hex digits or <c>LD-…</c>), so these rows never share a ticket's partition.</summary>
    public const string SubmitPartition = "submit";

    /// <summary>The ticket this submit made (or is making).</summary>
    public string TicketId { get; init; } = string.Empty;

    /// <summary>Who submitted; only their submits may be answered with <see cref="TicketId"/>.</summary>
    public string AskerKey { get; init; } = string.Empty;

    /// <summary>SHA-256 of the asker's key and the form token, as 64 hex digits: any token, of any length, makes a valid row key.</summary>
    public static string RowKeyFor(string askerKey, string clientToken)
    {
        ArgumentNullException.ThrowIfNull(askerKey);
        ArgumentNullException.ThrowIfNull(clientToken);
        var keyed = string.Create(CultureInfo.InvariantCulture, $"{askerKey.Length}:{askerKey}\n{clientToken}");
        return StableKey.Of(keyed, 64);
    }
}
