namespace LearningBot.Connector.Authentication;

/// <summary>The keys published at one metadata URL, as fetched at one moment.</summary>
internal sealed record SigningKeySet(IReadOnlyDictionary<string, SigningKey> Keys, string? MetadataIssuer, DateTimeOffset FetchedAt);
