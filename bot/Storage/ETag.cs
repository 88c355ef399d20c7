namespace LearningBot.Storage;

/// <summary>An entity version as the Table service reports it; pass it back as <c>If-Match</c> for optimistic concurrency.</summary>
public readonly record struct ETag
{
    private readonly string? _value;

    public ETag(string value) => _value = value;

    /// <summary>Matches any version (<c>If-Match: *</c>): an unconditional write.</summary>
    public static ETag All { get; } = new("*");

    public bool IsEmpty => string.IsNullOrEmpty(_value);

    public override string ToString() => _value ?? string.Empty;

    internal static ETag FromHeader(string? value) => string.IsNullOrEmpty(value) ? default : new ETag(value);
}
