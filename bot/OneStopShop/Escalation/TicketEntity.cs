using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// A question escalated to the L&amp;D team. Stored with its history in one partition (the ticket id), so a status
/// change and its history line are written together, guarded by the ticket's ETag.
/// </summary>
public sealed record TicketEntity : ITableEntity
{
    public const string TicketRowKey = "ticket";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TicketRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Question { get; init; } = string.Empty;
    public string Context { get; init; } = string.Empty;
    public string AskerKey { get; init; } = string.Empty;
    public string AskerName { get; init; } = string.Empty;
    public TicketStatus Status { get; init; }
    public string? AssigneeKey { get; init; }
    public string? AssigneeName { get; init; }
    public string? Answer { get; init; }
    public string? AnsweredByName { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset PromisedBy { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public bool IsOverdue { get; init; }
    public bool ReminderSent { get; init; }

    /// <summary>The ticket's card in the expert channel (<see cref="Connector.Hosting.SentMessage"/> as JSON), once posted.</summary>
    public string? ChannelMessage { get; init; }

    /// <summary>"helpful" or "not-helpful", from the asker.</summary>
    public string? Rating { get; init; }

    /// <summary>The knowledge-base article made from the answer, when the expert asked for one.</summary>
    public string? ArticleId { get; init; }

    /// <summary>What kinds of personal data were removed from the question before it was stored.</summary>
    public string? RemovedIdentifiers { get; init; }

    /// <summary>Goes up by one with every change; also numbers the history lines, so they read in order.</summary>
    public int Version { get; init; }

    [IgnoreDataMember]
    public string Id => PartitionKey;

    [IgnoreDataMember]
    public bool IsOpen => Status is TicketStatus.Unassigned or TicketStatus.Assigned;

    /// <summary>
    /// A ticket id from the form's client token (or the activity id) and the asker, so a double-clicked submit, or
    /// Teams redelivering it, names the same ticket, and nobody else's submit can. Looks like <c>LD-7KQ2-M4XD</c>:
    /// easy to read out and quote.
    /// </summary>
    public static string IdFor(string clientToken, string askerKey)
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(askerKey + "\n" + clientToken));
        var id = new StringBuilder("LD-", 12);
        for (var i = 0; i < 8; i++)
        {
            if (i == 4)
            {
                id.Append('-');
            }

            id.Append(alphabet[hash[i] % alphabet.Length]);
        }

        return id.ToString();
    }
}
