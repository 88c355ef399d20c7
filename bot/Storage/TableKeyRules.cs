namespace LearningBot.Storage;

/// <summary>
/// The Table service's rules for keys and table names, which Azure.Data.Tables leaves to the service: checked before a
/// request is sent, so a read of a key no entity can have finds none instead of getting a 400 from the service.
/// </summary>
public static class TableKeyRules
{
    /// <summary>PartitionKey and RowKey are up to 1 KiB each.</summary>
    public const int MaxKeyChars = 1024;

    /// <summary>True when a PartitionKey or RowKey is one the Table service accepts (no entity can have any other).</summary>
    public static bool IsValidKey(string key) => key.Length <= MaxKeyChars && key.AsSpan().IndexOfAny(DisallowedKeyChars) < 0;

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

    private static readonly System.Buffers.SearchValues<char> DisallowedKeyChars = System.Buffers.SearchValues.Create(
        "/\\#?" + string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + string.Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c)));

    private static readonly System.Buffers.SearchValues<char> TableNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

}
