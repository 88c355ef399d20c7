using System.Text;

namespace LearningBot.Storage;

/// <summary>
/// Turns any identifier (Teams conversation ids, user ids) into a valid PartitionKey/RowKey:
/// the characters the Table service forbids (/ \ # ? and control characters) and '%' itself are percent-encoded,
/// so the mapping is reversible and ordering-stable for ordinary ids.
/// </summary>
public static class TableKeys
{
    public static string Encode(string value)
    {
        if (!NeedsEncoding(value))
        {
            return value;
        }

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

    public static string Decode(string key) => key.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(key) : key;

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
