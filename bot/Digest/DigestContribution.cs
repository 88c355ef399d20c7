using Azure;
using Azure.Data.Tables;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.Digest;

/// <summary>
/// A piece someone sent with "contribute to the newsletter" (table <c>DigestContributions</c>, partition
/// <see cref="Partition"/>, row the contribution's id, made when the card was shown so a second press finds the first).
/// <see cref="ProposedIn"/> is the edition it was proposed in (0 until then), so it is proposed once.
/// </summary>
public sealed record DigestContribution : TableRow
{
    public const string Partition = "contribution";

    public DigestContribution()
    {
        PartitionKey = Partition;
    }

    public string Id { get; init; } = string.Empty;

    /// <summary>The person key of who sent it.</summary>
    public string ContributorKey { get; init; } = string.Empty;

    public string Headline { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Text { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public int Words { get; init; }

    public DateTimeOffset SentAt { get; init; }

    /// <summary>The edition it was proposed in; 0 while it waits.</summary>
    public int ProposedIn { get; init; }

    /// <summary>A new contribution; its text only as <see cref="ScrubbedText"/>.</summary>
    public static DigestContribution Of(string id, string contributorKey, ScrubbedText headline, ScrubbedText text, DateTimeOffset now) =>
#pragma warning disable LB0001 // The one place the text is set, from ScrubbedText.
        new()
        {
            RowKey = TableKeys.Encode(id),
            Id = id,
            ContributorKey = contributorKey,
            Headline = headline.Truncate(DigestLimits.HeadlineLength).Text,
            Text = text.Truncate(DigestLimits.TextLength).Text,
            Words = DigestWords.Count(text.Text),
            SentAt = now,
        };
#pragma warning restore LB0001

    /// <summary>The contribution as an item of an edition.</summary>
    public DigestItem ToItem(DateOnly today)
    {
#pragma warning disable LB0001 // The stored, scrubbed text: scrubbing it again changes nothing.
        return DigestItem.Of(DigestItemKinds.Contribution, Id, PersonalDataScrubber.Scrub(Headline, today), PersonalDataScrubber.Scrub(Text, today), ScrubbedText.Empty);
#pragma warning restore LB0001
    }
}

/// <summary>Counts words as people do: runs of letters or digits, with the apostrophes and hyphens inside them.</summary>
public static class DigestWords
{
    public static int Count(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetterOrDigit));
}

/// <summary>Table <see cref="TableName"/>: the contributions people sent for the newsletter.</summary>
public sealed class DigestContributionStore(TableStorage tables)
{
    public const string TableName = "DigestContributions";

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Stores the contribution; false when one with its id is there already (the same press again).</summary>
    public async Task<bool> AddAsync(DigestContribution contribution, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(contribution, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return false;
        }
    }

    public async Task<DigestContribution?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<DigestContribution>(DigestContribution.Partition, TableKeys.Encode(id), cancellationToken: cancellationToken);
    }

    /// <summary>Contributions not yet proposed in any edition, oldest first.</summary>
    public async Task<IReadOnlyList<DigestContribution>> ListWaitingAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<DigestContribution>(
            TableClient.CreateQueryFilter($"PartitionKey eq {DigestContribution.Partition} and ProposedIn eq {0}"), cancellationToken: cancellationToken);
        return [.. rows.OrderBy(row => row.SentAt).ThenBy(row => row.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Marks the contribution as proposed in edition <paramref name="number"/> unless another edition has it already;
    /// true when it is this edition's.
    /// </summary>
    public async Task<bool> ClaimAsync(string id, int number, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync<DigestContribution>(DigestContribution.Partition, TableKeys.Encode(id),
            current => current.ProposedIn == 0 ? new EntityDecision<DigestContribution>.Write(current with { ProposedIn = number }) : new EntityDecision<DigestContribution>.Keep(),
            cancellationToken: cancellationToken);
        return change?.Entity.ProposedIn == number;
    }
}
