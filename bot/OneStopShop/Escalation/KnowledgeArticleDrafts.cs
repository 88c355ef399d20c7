using System.Text.Json;
using LearningBot.Connector;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Keeps articles made from experts' answers in table storage (one row per article id, newest version) for the
/// knowledge base's editors, when no live knowledge store is registered.
/// </summary>
public sealed class KnowledgeArticleDrafts(TableServiceClient tables, TimeProvider clock, ILogger<KnowledgeArticleDrafts> logger) : IKnowledgeArticleWriter
{
    public const string TableName = "KnowledgeArticleDrafts";

    private readonly LazyTable _table = new(tables, TableName);

    public async Task SaveAsync(KnowledgeArticle article, string editedBy, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new KnowledgeArticleDraftEntity
        {
            PartitionKey = "draft",
            RowKey = TableKeys.Encode(article.Id),
            Article = JsonSerializer.Serialize(article, BotJson.Options),
            EditedBy = editedBy,
            EditedAt = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken);
        logger.LogInformation("Saved knowledge article draft {ArticleId}", article.Id);
    }

    public async Task<KnowledgeArticle?> FindAsync(string articleId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<KnowledgeArticleDraftEntity>("draft", TableKeys.Encode(articleId), cancellationToken: cancellationToken);
        return entity is null ? null : JsonSerializer.Deserialize<KnowledgeArticle>(entity.Article, BotJson.Options);
    }
}

/// <summary>Stored form of an article draft.</summary>
public sealed record KnowledgeArticleDraftEntity : ITableEntity
{
    public string PartitionKey { get; init; } = string.Empty;
    public string RowKey { get; init; } = string.Empty;
    public DateTimeOffset? Timestamp { get; init; }
    public ETag ETag { get; init; }

    public string Article { get; init; } = string.Empty;
    public string EditedBy { get; init; } = string.Empty;
    public DateTimeOffset EditedAt { get; init; }
}
