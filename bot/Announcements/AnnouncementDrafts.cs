using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.Announcements;

/// <summary>The table <c>AnnouncementDrafts</c>: drafts by author. A draft is found only with its author's key.</summary>
public sealed partial class AnnouncementDrafts(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "AnnouncementDrafts";

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Files a new draft; its title and message only as <see cref="ScrubbedText"/>, so nothing typed is stored unscrubbed.</summary>
    public async Task<AnnouncementDraftEntity> SaveAsync(string authorKey, ScrubbedText title, ScrubbedText message, string audience, int audienceSize, CancellationToken cancellationToken)
    {
        var draftId = Guid.NewGuid().ToString("N");
        var draft = new AnnouncementDraftEntity
        {
            PartitionKey = TableKeys.Encode(authorKey),
            RowKey = AnnouncementDraftEntity.RowKeyOf(draftId),
            DraftId = draftId,
            AuthorKey = authorKey,
            Title = title.Text,
            Message = message.Text,
            Audience = audience,
            AudienceSize = audienceSize,
            CreatedAt = clock.GetUtcNow(),
        };
        var table = await _table.GetAsync(cancellationToken);
        await table.AddEntityAsync(draft, cancellationToken);
        return draft;
    }

    /// <summary>The author's draft, or null when the id is not one the bot made or the author has no such draft.</summary>
    public async Task<AnnouncementDraftEntity?> FindAsync(string authorKey, string? draftId, CancellationToken cancellationToken)
    {
        if (draftId is null || !DraftIdPattern().IsMatch(draftId))
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<AnnouncementDraftEntity>(TableKeys.Encode(authorKey), AnnouncementDraftEntity.RowKeyOf(draftId), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Records that the author pressed Send (the first time only; <paramref name="progressTo"/> is where they pressed it).
    /// Returns the draft as stored, and whether Send had already been pressed.
    /// </summary>
    public async Task<(AnnouncementDraftEntity Draft, bool AlreadyRequested)> RequestSendAsync(AnnouncementDraftEntity draft, string? progressTo, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var current = draft;
        while (current.SendRequestedAt is null)
        {
            var requested = current with { SendRequestedAt = clock.GetUtcNow(), ProgressTo = progressTo };
            try
            {
                var response = await table.UpdateEntityAsync(requested, current.ETag, TableUpdateMode.Replace, cancellationToken);
                requested.ETag = response.NewETag();
                return (requested, false);
            }
            catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict())
            {
                current = await table.GetEntityAsync<AnnouncementDraftEntity>(draft.PartitionKey, draft.RowKey, cancellationToken: cancellationToken);
            }
        }

        return (current, true);
    }

    /// <summary>Records the delivery the draft became.</summary>
    public async Task RecordDeliveryAsync(AnnouncementDraftEntity draft, string deliveryId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpdateEntityAsync(
            new TableEntity(draft.PartitionKey, draft.RowKey) { [nameof(AnnouncementDraftEntity.DeliveryId)] = deliveryId },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Drafts whose Send was pressed but whose delivery has not been started (a restart came between).</summary>
    public async Task<IReadOnlyList<AnnouncementDraftEntity>> OwedAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var owed = new List<AnnouncementDraftEntity>();
        await foreach (var draft in table.QueryAsync<AnnouncementDraftEntity>(
            filter: TableClient.CreateQueryFilter($"SendRequestedAt ge {DateTimeOffset.UnixEpoch}"), cancellationToken: cancellationToken))
        {
            if (string.IsNullOrEmpty(draft.DeliveryId))
            {
                owed.Add(draft);
            }
        }

        return owed;
    }

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex DraftIdPattern();
}
