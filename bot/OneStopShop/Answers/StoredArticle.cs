using System.Globalization;
using System.Text.Json;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>The current version of an edited article (table <c>KnowledgeArticles</c>, partition <c>article</c>, row = id).</summary>
public sealed record StoredArticle : TableRow
{
    private static readonly JsonSerializerOptions ListJson = new(JsonSerializerDefaults.Web);

    public string Id { get; init; } = string.Empty;
    public string Title { get; init; } = string.Empty;
    public string Summary { get; init; } = string.Empty;

    /// <summary>JSON arrays of strings.</summary>
    public string Tags { get; init; } = "[]";
    public string Audience { get; init; } = "[]";
    public string Organisations { get; init; } = "[]";
    public string Related { get; init; } = "[]";

    public string Owner { get; init; } = string.Empty;
    public string ReviewBy { get; init; } = string.Empty;
    public string Body { get; init; } = string.Empty;
    public int Version { get; init; }
    public string EditedBy { get; init; } = string.Empty;
    public DateTimeOffset EditedAt { get; init; }

    public static StoredArticle From(KnowledgeArticle article, int version, string editedBy, DateTimeOffset editedAt) => new()
    {
        PartitionKey = "article",
        RowKey = article.Id,
        Id = article.Id,
        Title = article.Title,
        Summary = article.Summary,
        Tags = JsonSerializer.Serialize(article.Tags, ListJson),
        Audience = JsonSerializer.Serialize(article.Audience, ListJson),
        Organisations = JsonSerializer.Serialize(article.Organisations, ListJson),
        Related = JsonSerializer.Serialize(article.Related, ListJson),
        Owner = article.Owner,
        ReviewBy = article.ReviewBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Body = article.Body,
        Version = version,
        EditedBy = editedBy,
        EditedAt = editedAt,
    };

    public KnowledgeArticle ToArticle() => new(
        Id,
        Title,
        Summary,
        List(Tags),
        List(Audience),
        List(Organisations),
        Owner,
        DateOnly.ParseExact(ReviewBy, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        List(Related),
        Body);

    private static string[] List(string json) => JsonSerializer.Deserialize<string[]>(json, ListJson) ?? [];
}
