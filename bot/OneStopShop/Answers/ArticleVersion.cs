using System.Globalization;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>One saved version of an article (table <c>KnowledgeArticleHistory</c>, partition = id, row = version number).</summary>
public sealed record ArticleVersion : TableRow
{
    public int Version { get; init; }
    public string EditedBy { get; init; } = string.Empty;
    public DateTimeOffset EditedAt { get; init; }
    public string Title { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string Summary { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string Tags { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = "[]";

    /// <summary>The "asked as" phrasings (a JSON array); versions saved before they existed have none.</summary>
    public string Asked { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = "[]";
    public string Related { get; init; } = "[]";
    public string Owner { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string ReviewBy { get; init; } = string.Empty;
    public string Body { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Whether <paramref name="other"/> records the same edit: the same editor saving the same text.</summary>
    public bool SameEditAs(ArticleVersion other) =>
        other is not null && Version == other.Version && EditedBy == other.EditedBy && Title == other.Title && Summary == other.Summary
        && Tags == other.Tags && Asked == other.Asked && Related == other.Related && Owner == other.Owner && ReviewBy == other.ReviewBy && Body == other.Body;

    /// <summary>A copy of the stored row, whose free text was scrubbed when it was made (<see cref="StoredArticle.From"/>).</summary>
#pragma warning disable LB0001 // Copied from a StoredArticle, made only from a ScrubbedArticle.
    public static ArticleVersion From(StoredArticle article) => new()
    {
        PartitionKey = TableKeys.Encode(article.Id),
        RowKey = article.Version.ToString("D6", CultureInfo.InvariantCulture),
        Version = article.Version,
        EditedBy = article.EditedBy,
        EditedAt = article.EditedAt,
        Title = article.Title,
        Summary = article.Summary,
        Tags = article.Tags,
        Asked = article.Asked,
        Related = article.Related,
        Owner = article.Owner,
        ReviewBy = article.ReviewBy,
        Body = article.Body,
    };
#pragma warning restore LB0001
}
