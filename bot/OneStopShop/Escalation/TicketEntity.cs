using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Text;
using Azure;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// A question escalated to the L&amp;D team. Stored with its history in one partition (the ticket id, see
/// <see cref="NewId"/>), so a status change and its history line are written together, guarded by the ticket's ETag.
/// The free text (question, context, answer) can only be set from <see cref="ScrubbedText"/>: through <see cref="Ask"/>
/// and <see cref="WithAnswer"/>.
/// </summary>
public sealed partial record TicketEntity : TableRow
{
    public const string TicketRowKey = "ticket";

    private const int IdBytes = 16;
    private const string ReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public TicketEntity()
    {
        RowKey = TicketRowKey;
    }

    /// <summary>The question, scrubbed of personal data (set by <see cref="Ask"/>).</summary>
    public string Question { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>What the asker has tried, scrubbed (set by <see cref="Ask"/>).</summary>
    public string Context { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string AskerKey { get; init; } = string.Empty;
    public string AskerName { get; init; } = string.Empty;

    /// <summary>The asker's Teams user id (<c>29:…</c>), so the cards about their question can give them their own view; null when not known.</summary>
    public string? AskerTeamsId { get; init; }
    public TicketStatus Status { get; init; }
    public string? AssigneeKey { get; init; }
    public string? AssigneeName { get; init; }
    /// <summary>The expert's answer, scrubbed (set by <see cref="WithAnswer"/>).</summary>
    public string? Answer { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }
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

    /// <summary>What kinds of personal data were removed from the question before it was stored ("an NHS number and a phone number").</summary>
    public string? RemovedIdentifiers { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }

    /// <summary>
    /// What the asker said was missing when they pressed "I still need help" (scrubbed; empty when they said nothing), until
    /// the next answer; null otherwise. Set by <see cref="WithStillNeedsHelp"/>.
    /// </summary>
    public string? StillNeedsHelp { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }

    /// <summary>Goes up by one with every change; also numbers the history lines, so they read in order.</summary>
    public int Version { get; init; }

    [IgnoreDataMember]
    public string Id => PartitionKey;

    [IgnoreDataMember]
    public bool IsOpen => Status is TicketStatus.Unassigned or TicketStatus.Assigned;

    /// <summary>
    /// A new, unassigned ticket. What was removed is what the scrubber removed now plus what its markers show was
    /// removed before (the asker saw the scrubbed form and sent it again).
    /// </summary>
#pragma warning disable LB0001 // The two ways free text gets in: from ScrubbedText.
    public static TicketEntity Ask(string ticketId, ScrubbedText question, ScrubbedText context, Actor asker, DateTimeOffset askedAt, DateTimeOffset promisedBy)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(asker);
        var removed = PersonalDataScrubber.DescribeAll(
            PersonalDataScrubber.KindsMarkedIn(question.Text + "\n" + context.Text).Concat(question.Removed).Concat(context.Removed));
        return new TicketEntity
        {
            PartitionKey = ticketId,
            Reference = ReferenceFor(ticketId),
            Question = question.Text,
            Context = context.Text,
            AskerKey = asker.Key,
            AskerName = asker.Name,
            AskerTeamsId = asker.TeamsUserId,
            Status = TicketStatus.Unassigned,
            CreatedAt = askedAt,
            PromisedBy = promisedBy,
            RemovedIdentifiers = removed.Length == 0 ? null : removed,
        };
    }

    /// <summary>This ticket with the expert's (scrubbed) answer, which answers any "I still need help" too.</summary>
    public TicketEntity WithAnswer(ScrubbedText answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return this with { Answer = answer.Text, StillNeedsHelp = null };
    }

    /// <summary>This ticket with what the asker says is still missing (scrubbed; empty when they said nothing).</summary>
    public TicketEntity WithStillNeedsHelp(ScrubbedText whatsMissing)
    {
        ArgumentNullException.ThrowIfNull(whatsMissing);
        return this with { StillNeedsHelp = whatsMissing.Text };
    }
#pragma warning restore LB0001

    /// <summary>
    /// The code people quote to the L&amp;D team, e.g. <c>LD-7KQ2-M4XD</c>: shown on every card, never used to find a
    /// ticket (cards carry the <see cref="Id"/>). Made from the id when the ticket is created and stored with it;
    /// tickets made before ids and references were separate have their id as their reference.
    /// </summary>
    public string Reference
    {
        get => _reference ?? ReferenceFor(PartitionKey);
        init => _reference = value;
    }

    private readonly string? _reference;

    /// <summary>
    /// A new ticket id: 128 random bits from the operating system's generator, as 32 lower-case hex digits. The server
    /// chooses it; nothing the client sends goes into it, so no submit can name, or collide with, someone else's ticket.
    /// </summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));

    /// <summary>The short reference for a ticket id: eight characters of its hash in an alphabet that is easy to read out.</summary>
    public static string ReferenceFor(string ticketId)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        if (LegacyId().IsMatch(ticketId))
        {
            return ticketId;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ticketId));
        var reference = new StringBuilder("LD-", 12);
        for (var i = 0; i < 8; i++)
        {
            if (i == 4)
            {
                reference.Append('-');
            }

            reference.Append(ReferenceAlphabet[hash[i] % ReferenceAlphabet.Length]);
        }

        return reference.ToString();
    }

    /// <summary>
    /// Whether <paramref name="ticketId"/> (from card data, so from the client) has the shape of an id the bot made:
    /// <see cref="NewId"/>'s, or the <c>LD-XXXX-XXXX</c> of tickets made before. Anything else is not looked up.
    /// </summary>
    public static bool IsWellFormedId(string? ticketId) =>
        ticketId is not null && ((ticketId.Length == IdBytes * 2 && ticketId.All(char.IsAsciiHexDigitLower)) || LegacyId().IsMatch(ticketId));

    [GeneratedRegex("^LD-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyId();
}
