namespace LearningBot.Storage;

/// <summary>The outcome of a write: HTTP status and the entity's new version, for chaining optimistic updates.</summary>
public sealed record TableResponse(int Status, ETag ETag);

/// <summary>One page of a query, with the token that fetches the next page (null on the last page).</summary>
public sealed record TablePage<T>(IReadOnlyList<T> Values, string? ContinuationToken);
