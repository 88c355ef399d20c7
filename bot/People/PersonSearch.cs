namespace LearningBot.People;

/// <summary>What <see cref="IPeopleDirectory.FindAsync"/> means by a match, for directories that compare in memory.</summary>
public static class PersonSearch
{
    /// <summary>The longest text searched for; a name or email address is never longer.</summary>
    public const int MaxTextLength = 200;

    public static bool IsEmail(string nameOrEmail) => nameOrEmail.Contains('@', StringComparison.Ordinal);

    /// <summary>The text trimmed and cut to <see cref="MaxTextLength"/>; throws when nothing is left to search for.</summary>
    public static string Clean(string nameOrEmail, int max)
    {
        ArgumentNullException.ThrowIfNull(nameOrEmail);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var text = nameOrEmail.Trim();
        ArgumentException.ThrowIfNullOrEmpty(text, nameof(nameOrEmail));
        return text.Length > MaxTextLength ? text[..MaxTextLength] : text;
    }

    public static bool Matches(Person person, string nameOrEmail) => IsEmail(nameOrEmail)
        ? string.Equals(person.Email, nameOrEmail, StringComparison.OrdinalIgnoreCase)
        : Words(nameOrEmail).All(word => person.DisplayName.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>By name (case ignored), then id so equal names keep one order.</summary>
    public static IReadOnlyList<Person> InNameOrder(IEnumerable<Person> people, int max) =>
    [
        .. people
            .OrderBy(person => person.DisplayName, StringComparer.InvariantCultureIgnoreCase)
            .ThenBy(person => person.Id, StringComparer.Ordinal)
            .Take(max),
    ];

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
