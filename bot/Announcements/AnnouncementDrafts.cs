using System.Text.RegularExpressions;
using LearningBot.Storage;

namespace LearningBot.Announcements;

/// <summary>The table <c>AnnouncementDrafts</c>: drafts by author. A draft is found only with its author's key.</summary>
public sealed partial class AnnouncementDrafts(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "AnnouncementDrafts";

    private readonly LazyTable _table = tables.Table(TableName);

    public async Task<AnnouncementDraftEntity> SaveAsync(string authorKey, string title, string message, string audience, CancellationToken cancellationToken)
    {
        var draftId = Guid.NewGuid().ToString("N");
        var draft = new AnnouncementDraftEntity
        {
            PartitionKey = TableKeys.Encode(authorKey),
            RowKey = AnnouncementDraftEntity.RowKeyOf(draftId),
            DraftId = draftId,
            Title = title,
            Message = message,
            Audience = audience,
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

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex DraftIdPattern();
}
