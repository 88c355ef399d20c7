using System.Globalization;
using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Reads an article file: a front-matter block between <c>---</c> lines with <c>key: value</c> entries
/// (lists as <c>[a, b]</c> or as <c>- item</c> lines), then the Markdown body.
/// </summary>
public static partial class ArticleParser
{
    private static readonly string[] RequiredKeys = ["id", "title", "summary", "tags", "owner", "review-by"];

    private static readonly HashSet<string> KnownKeys =
        ["id", "title", "summary", "tags", "audience", "organisations", "owner", "review-by", "related", "asked"];

    /// <summary>Parses one article; <paramref name="sourceName"/> names the file in error messages.</summary>
    public static KnowledgeArticle Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 0 && lines[0].Length > 0 && lines[0][0] == '\uFEFF')
        {
            lines[0] = lines[0][1..];
        }

        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new KnowledgeLoadException(sourceName, 1, "the file must start with a '---' front-matter line");
        }

        var (fields, bodyStart) = ReadFrontMatter(lines, sourceName);
        foreach (var key in RequiredKeys)
        {
            if (!fields.ContainsKey(key))
            {
                throw new KnowledgeLoadException(sourceName, 1, $"front matter is missing '{key}'");
            }
        }

        var id = Scalar(fields, "id", sourceName);
        if (!KebabId().IsMatch(id))
        {
            throw new KnowledgeLoadException(sourceName, fields["id"].Line, $"id '{id}' must be lower-case words joined by hyphens");
        }

        var reviewField = fields["review-by"];
        var reviewText = Scalar(fields, "review-by", sourceName);
        if (!DateOnly.TryParseExact(reviewText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reviewBy))
        {
            throw new KnowledgeLoadException(sourceName, reviewField.Line, $"review-by '{reviewText}' is not a date like 2027-06-30");
        }

        var body = string.Join('\n', lines.Skip(bodyStart)).Trim();
        if (body.Length == 0)
        {
            throw new KnowledgeLoadException(sourceName, bodyStart + 1, "the article has no body after the front matter");
        }

        return new KnowledgeArticle(
            id,
            Scalar(fields, "title", sourceName),
            Scalar(fields, "summary", sourceName),
            List(fields, "tags", sourceName, required: true),
            List(fields, "audience", sourceName, required: false),
            fields.ContainsKey("organisations") ? List(fields, "organisations", sourceName, required: false) : ["all"],
            Scalar(fields, "owner", sourceName),
            reviewBy,
            List(fields, "related", sourceName, required: false),
            body)
        {
            Asked = List(fields, "asked", sourceName, required: false),
        };
    }

    private sealed record Field(int Line, string? Value, List<string>? Items);

    private static (Dictionary<string, Field> Fields, int BodyStart) ReadFrontMatter(string[] lines, string sourceName)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        string? openList = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimEnd();
            if (line.Trim() == "---")
            {
                return (fields, i + 1);
            }

            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.TrimStart().StartsWith("- ", StringComparison.Ordinal) || line.Trim() == "-")
            {
                if (openList is null)
                {
                    throw new KnowledgeLoadException(sourceName, lineNumber, "a '- item' line must follow a 'key:' line with no value");
                }

                fields[openList].Items!.Add(Unquote(line.TrimStart()[1..].Trim()));
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                throw new KnowledgeLoadException(sourceName, lineNumber, $"expected 'key: value' but found '{line.Trim()}'");
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (!KnownKeys.Contains(key))
            {
                throw new KnowledgeLoadException(sourceName, lineNumber, $"unknown front-matter key '{key}'");
            }

            if (fields.ContainsKey(key))
            {
                throw new KnowledgeLoadException(sourceName, lineNumber, $"'{key}' appears twice");
            }

            openList = value.Length == 0 ? key : null;
            fields[key] = value.Length == 0
                ? new Field(lineNumber, null, [])
                : value.StartsWith('[')
                    ? new Field(lineNumber, null, InlineList(value, sourceName, lineNumber))
                    : new Field(lineNumber, Unquote(value), null);
        }

        throw new KnowledgeLoadException(sourceName, lines.Length, "the front matter is not closed by a '---' line");
    }

    private static List<string> InlineList(string value, string sourceName, int lineNumber)
    {
        if (!value.EndsWith(']'))
        {
            throw new KnowledgeLoadException(sourceName, lineNumber, $"list '{value}' must end with ']'");
        }

        return value[1..^1]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Unquote)
            .ToList();
    }

    private static string Scalar(Dictionary<string, Field> fields, string key, string sourceName)
    {
        var field = fields[key];
        if (field.Value is not { Length: > 0 } value)
        {
            throw new KnowledgeLoadException(sourceName, field.Line, $"'{key}' must be a single non-empty value");
        }

        return value;
    }

    private static List<string> List(Dictionary<string, Field> fields, string key, string sourceName, bool required)
    {
        if (!fields.TryGetValue(key, out var field))
        {
            return [];
        }

        var items = field.Items ?? [field.Value!];
        if (required && items.Count == 0)
        {
            throw new KnowledgeLoadException(sourceName, field.Line, $"'{key}' must list at least one value");
        }

        return items;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabId();
}
