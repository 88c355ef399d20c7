using System.Text;

namespace LearningBot.Tests.Support;

/// <summary>
/// The parts of Graph's query language the stub understands for <c>GET /users</c>, read strictly so a query that Graph
/// would refuse fails here too (<see cref="FormatException"/>, answered 400):
/// <list type="bullet">
/// <item><c>$search</c>: double-quoted <c>"property:text"</c> clauses joined by <c>OR</c> or <c>AND</c>, with a backslash
/// escaping a double quote or backslash inside a clause. <c>displayName</c> is tokenised (every word of the text starts a
/// word of the name, ignoring case); other properties match when they start with the text.</item>
/// <item><c>$filter</c>: <c>property eq 'literal'</c> clauses joined by <c>or</c> or <c>and</c>, a single quote in a literal
/// written twice; string comparison ignores case, as in the directory.</item>
/// </list>
/// </summary>
internal static class GraphStubQuery
{
    public static Func<GraphStubUser, bool> Parse(string? search, string? filter)
    {
        var searched = search is null ? null : Combine(new Reader(search, '"', "OR", "AND").Clauses(SearchClause));
        var filtered = filter is null ? null : Combine(new Reader(filter, '\'', "or", "and").Clauses(FilterClause));
        return user => (searched?.Invoke(user) ?? true) && (filtered?.Invoke(user) ?? true);
    }

    private static Func<GraphStubUser, bool> Combine(IReadOnlyList<(string Joiner, Func<GraphStubUser, bool> Test)> clauses) => user =>
    {
        var result = clauses[0].Test(user);
        foreach (var (joiner, test) in clauses.Skip(1))
        {
            result = joiner.Equals("OR", StringComparison.OrdinalIgnoreCase) ? result || test(user) : result && test(user);
        }

        return result;
    };

    private static Func<GraphStubUser, bool> SearchClause(Reader reader)
    {
        var clause = reader.Quoted(escape: '\\');
        var colon = clause.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new FormatException($"Invalid search clause '{clause}': it must be \"property:value\".");
        }

        var (property, text) = (Known(clause[..colon]), clause[(colon + 1)..]);
        if (property == "displayName")
        {
            var words = Words(text);
            return user => words.Length > 0 && words.All(word => Words(user.DisplayName).Any(part => part.StartsWith(word, StringComparison.OrdinalIgnoreCase)));
        }

        return user => Property(user, property) is { } value && value.StartsWith(text, StringComparison.OrdinalIgnoreCase);
    }

    private static Func<GraphStubUser, bool> FilterClause(Reader reader)
    {
        var property = Known(reader.Word());
        if (reader.Word() != "eq")
        {
            throw new FormatException($"Invalid filter clause: only 'eq' is understood after '{property}'.");
        }

        var literal = reader.Quoted(escape: '\'');
        return user => string.Equals(Property(user, property), literal, StringComparison.OrdinalIgnoreCase);
    }

    private static readonly string[] QueryableProperties = ["id", "displayName", "mail", "userPrincipalName"];

    private static string Known(string property) => QueryableProperties.Contains(property, StringComparer.Ordinal)
        ? property
        : throw new FormatException($"Property '{property}' cannot be used in this query.");

    private static string? Property(GraphStubUser user, string name) => name switch
    {
        "displayName" => user.DisplayName,
        "mail" => user.Mail,
        "userPrincipalName" => user.UserPrincipalName,
        _ => user.Id,
    };

    private static string[] Words(string text) =>
        text.Split(text.Where(character => !char.IsLetterOrDigit(character)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    private sealed class Reader(string text, char quote, string or, string and)
    {
        private int _position;

        public List<(string Joiner, Func<GraphStubUser, bool> Test)> Clauses(Func<Reader, Func<GraphStubUser, bool>> clause)
        {
            var clauses = new List<(string, Func<GraphStubUser, bool>)> { (or, clause(this)) };
            while (SkipSpaces() < text.Length)
            {
                var joiner = Word();
                if (joiner != or && joiner != and)
                {
                    throw new FormatException($"Syntax error at position {_position}: expected '{or}' or '{and}', found '{joiner}'.");
                }

                clauses.Add((joiner, clause(this)));
            }

            return clauses;
        }

        public string Word()
        {
            var start = SkipSpaces();
            while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && text[_position] != quote)
            {
                _position++;
            }

            return start < _position ? text[start.._position] : throw new FormatException($"Syntax error at position {start}: a word is missing.");
        }

        /// <summary>A quoted string; <paramref name="escape"/> before a quote (or, for a backslash, before itself) keeps it.</summary>
        public string Quoted(char escape)
        {
            var opened = SkipSpaces();
            if (opened >= text.Length || text[opened] != quote)
            {
                throw new FormatException($"Syntax error at position {opened}: expected {quote}.");
            }

            var value = new StringBuilder();
            for (_position = opened + 1; _position < text.Length; _position++)
            {
                var character = text[_position];
                var next = _position + 1 < text.Length ? text[_position + 1] : '\0';
                if (character == escape && (next == quote || (escape != quote && next == escape)))
                {
                    value.Append(next);
                    _position++;
                }
                else if (character == escape && escape != quote)
                {
                    throw new FormatException($"Syntax error at position {_position}: '{escape}' must escape {quote} or itself.");
                }
                else if (character == quote)
                {
                    _position++;
                    return value.ToString();
                }
                else
                {
                    value.Append(character);
                }
            }

            throw new FormatException($"Syntax error at position {opened}: the string is never closed.");
        }

        private int SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            return _position;
        }
    }
}
