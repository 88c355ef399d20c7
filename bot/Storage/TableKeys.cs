using System.Text;

namespace LearningBot.Storage;

/// <summary>
/// Turns any identifier (Teams conversation ids, user ids) into a valid PartitionKey/RowKey:
/// the characters the Table service forbids (/ \ # ? and control characters) and '%' itself are percent-encoded,
/// so the mapping is reversible and ordering-stable for ordinary ids. A key that would be longer than the service
/// allows is refused here, before any request (<see cref="UnusableTableKeyException"/>).
/// </summary>
public static class TableKeys
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var key = NeedsEncoding(value) ? Escape(value) : value;
        if (key.Length > TableKeyRules.MaxKeyChars)
        {
            throw new UnusableTableKeyException(
                $"An identifier of {value.Length} characters is too long to be a table key (at most {TableKeyRules.MaxKeyChars}).", nameof(value));
        }

        return key;
    }

    private static string Escape(string value)
    {

        var builder = new StringBuilder(value.Length + 16);
        foreach (var character in value)
        {
            if (IsForbidden(character) || character == '%')
            {
                builder.Append('%').Append(((int)character).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    /// <summary>The identifier a key was made from: every <c>%XX</c> back to the one character it stands for.</summary>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && byte.TryParse(key.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEncoding(string value)
    {
        foreach (var character in value)
        {
            if (IsForbidden(character) || character == '%')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsForbidden(char character) =>
        character is '/' or '\\' or '#' or '?' || char.IsControl(character);
}
