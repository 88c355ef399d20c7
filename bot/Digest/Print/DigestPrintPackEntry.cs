using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.Digest.Print;

/// <summary>
/// One print pack (table <c>DigestPrintPacks</c>, partition the edition's row key, row the recipient's person key): who it
/// went to, for which organisation and base, the copies suggested, and once they press "Printed and put up", how many
/// copies, who pressed it and when. Added only if absent, so a pack is offered once per edition and recipient.
/// </summary>
public sealed record DigestPrintPackEntry : TableRow
{
    public const string LearningLead = "ld-lead";
    public const string VolunteerCoordinator = "volunteer-coordinator";

    public int Number { get; init; }

    public string PersonKey { get; init; } = string.Empty;

    /// <summary><see cref="LearningLead"/> or <see cref="VolunteerCoordinator"/>.</summary>
    public string Role { get; init; } = string.Empty;

    public string Organisation { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>Where the copies go up: the lead's organisation, or the coordinator's base.</summary>
    public string Base { get; init; } = string.Empty;

    public int SuggestedCopies { get; init; }

    /// <summary>How the suggestion was worked out, in the bot's words.</summary>
    public string Reason { get; init; } = string.Empty;

    public DateTimeOffset OfferedAt { get; init; }

    public int PutUpCopies { get; init; }

    /// <summary>The person key of whoever pressed "Printed and put up".</summary>
    public string PutUpBy { get; init; } = string.Empty;

    public DateTimeOffset? PutUpAt { get; init; }

    [IgnoreDataMember]
    public bool IsPutUp => PutUpAt is not null;

    public static string PartitionOf(int number) => DigestEdition.RowKeyOf(number);

    public static string RowKeyOf(string personKey) => TableKeys.Encode(personKey);

    public static DigestPrintPackEntry For(int number, DigestPrintRecipient recipient, DigestPrintSuggestion suggestion, DateTimeOffset now) => new()
    {
        PartitionKey = PartitionOf(number),
        RowKey = RowKeyOf(recipient.PersonKey),
        Number = number,
        PersonKey = recipient.PersonKey,
        Role = recipient.Role,
        Organisation = recipient.Organisation,
        OrganisationKind = recipient.OrganisationKind,
        Base = recipient.Base,
        SuggestedCopies = suggestion.Copies,
        Reason = suggestion.Reason,
        OfferedAt = now,
    };
}

/// <summary>The print packs of each edition.</summary>
public sealed class DigestPrintPackStore(TableStorage tables)
{
    public const string TableName = "DigestPrintPacks";

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Adds the pack unless one for the same edition and recipient is there; the stored one either way.</summary>
    public async Task<DigestPrintPackEntry> AddIfAbsentAsync(DigestPrintPackEntry pack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(pack, cancellationToken);
            return pack;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return await table.FindAsync<DigestPrintPackEntry>(pack.PartitionKey, pack.RowKey, cancellationToken: cancellationToken) ?? pack;
        }
    }

    public async Task<DigestPrintPackEntry?> FindAsync(int number, string personKey, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<DigestPrintPackEntry>(DigestPrintPackEntry.PartitionOf(number), DigestPrintPackEntry.RowKeyOf(personKey), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<DigestPrintPackEntry>> ListAsync(int number, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ListAsync<DigestPrintPackEntry>(
            TableClient.CreateQueryFilter($"PartitionKey eq {DigestPrintPackEntry.PartitionOf(number)}"), cancellationToken: cancellationToken);
    }

    /// <summary>Records "printed and put up" once: a second press (or Teams sending it twice) keeps the first record.</summary>
    public async Task<DigestPrintPackEntry?> PutUpAsync(int number, string personKey, int copies, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync<DigestPrintPackEntry>(DigestPrintPackEntry.PartitionOf(number), DigestPrintPackEntry.RowKeyOf(personKey),
            current => current.IsPutUp
                ? new EntityDecision<DigestPrintPackEntry>.Keep()
                : new EntityDecision<DigestPrintPackEntry>.Write(current with { PutUpCopies = copies, PutUpBy = personKey, PutUpAt = now }),
            cancellationToken: cancellationToken);
        return change?.Entity;
    }
}
