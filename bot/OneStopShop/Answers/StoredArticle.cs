using System.Globalization;
using System.Text.Json;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>The current version of an edited article (table <c>KnowledgeArticles</c>, partition <c>article</c>, row = id).</summary>
public sealed record StoredArticle : TableRow
{
    private static readonly JsonSerializerOptions ListJson = new(JsonSerializerDefaults.Web);

    public string Id { get; init; } = string.Empty;
    public string Title { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string Summary { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>JSON arrays of strings.</summary>
    public string Tags { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = "[]";
    public string Audience { get; init; } = "[]";

    /// <summary>The "asked as" phrasings; rows saved before they existed have none.</summary>
    public string Asked { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = "[]";
    public string Organisations { get; init; } = "[]";
    public string Related { get; init; } = "[]";

    public string Owner { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string ReviewBy { get; init; } = string.Empty;
    public string Body { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public int Version { get; init; }
    public string EditedBy { get; init; } = string.Empty;
    public DateTimeOffset EditedAt { get; init; }

    /// <summary>The stored row for a scrubbed article: the one way its free text gets in.</summary>
    public static StoredArticle From(ScrubbedArticle scrubbed, int version, string editedBy, DateTimeOffset editedAt)
    {
        ArgumentNullException.ThrowIfNull(scrubbed);
        var article = scrubbed.Article;
#pragma warning disable LB0001 // From ScrubbedArticle only.
        return new()
        {
            PartitionKey = "article",
            RowKey = article.Id,
            Id = article.Id,
            Title = article.Title,
            Summary = article.Summary,
            Tags = JsonSerializer.Serialize(article.Tags, ListJson),
            Asked = JsonSerializer.Serialize(article.Asked, ListJson),
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
#pragma warning restore LB0001
    }

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
        Body)
    {
        Asked = List(Asked),
    };

    private static string[] List(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json, ListJson) ?? [];
}
