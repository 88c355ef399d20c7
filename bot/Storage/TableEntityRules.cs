namespace LearningBot.Storage;

/// <summary>The Table service's data-model limits, checked before a request is sent so callers get a clear error instead of a 400.</summary>
public static class TableEntityRules
{
    /// <summary>Custom properties per entity (255 minus PartitionKey, RowKey and Timestamp).</summary>
    public const int MaxProperties = 252;

    /// <summary>Combined size of an entity's data, measured the way the service documents it.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>64 KiB of UTF-16, i.e. 32 K characters.</summary>
    public const int MaxStringChars = 32 * 1024;

    public const int MaxBinaryBytes = 64 * 1024;

    /// <summary>PartitionKey and RowKey are up to 1 KiB each.</summary>
    public const int MaxKeyChars = 1024;

    public const int MaxPropertyNameChars = 255;

    public const int MaxTransactionActions = 100;

    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>Edm.DateTime starts at 1601-01-01 UTC (the Windows file-time epoch).</summary>
    public static readonly DateTime MinDateTime = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Throws if a PartitionKey or RowKey contains '/', '\', '#', '?' or a control character, or is too long.</summary>
    public static void ValidateKey(string? key, string keyName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(keyName, $"The entity's {keyName} is null; every entity needs one (an empty string is allowed).");
        }

        if (key.Length > MaxKeyChars)
        {
            throw new ArgumentException($"The {keyName} is {key.Length} characters; the Table service allows at most {MaxKeyChars}.", keyName);
        }

        var bad = key.AsSpan().IndexOfAny(DisallowedKeyChars);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"The {keyName} contains the character {Describe(key[bad])} at position {bad}; keys may not contain '/', '\\', '#', '?' or control characters.",
                keyName);
        }
    }

    /// <summary>Throws unless the name is 3–63 letters or digits starting with a letter (and not the reserved "tables").</summary>
    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        var valid = tableName.Length is >= 3 and <= 63
            && char.IsAsciiLetter(tableName[0])
            && tableName.AsSpan().IndexOfAnyExcept(TableNameChars) < 0
            && !tableName.Equals("tables", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{tableName}' is not a valid table name: use 3–63 letters and digits, starting with a letter.", nameof(tableName));
        }
    }

    /// <summary>Property names follow C# identifier rules and may not reuse the system property names.</summary>
    public static void ValidatePropertyName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxPropertyNameChars)
        {
            throw new ArgumentException($"Property name '{name}' must be 1–{MaxPropertyNameChars} characters.", nameof(name));
        }

        if (!(char.IsLetter(name[0]) || name[0] == '_') || name.AsSpan(1).ContainsAnyExcept(IdentifierChars) && !IsIdentifier(name))
        {
            throw new ArgumentException($"Property name '{name}' is not valid: use letters, digits and '_', starting with a letter or '_'.", nameof(name));
        }

        if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Property name '{name}' is reserved by the Table service.", nameof(name));
        }
    }

    private static readonly System.Buffers.SearchValues<char> DisallowedKeyChars = System.Buffers.SearchValues.Create(
        "/\\#?" + string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + string.Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c)));

    private static readonly System.Buffers.SearchValues<char> TableNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly System.Buffers.SearchValues<char> IdentifierChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static bool IsIdentifier(string name)
    {
        foreach (var c in name.AsSpan(1))
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
