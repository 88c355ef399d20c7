namespace LearningBot.People;

/// <summary>
/// Who is who and who manages whom: Microsoft Graph in production, a table seeded from <c>people/people.csv</c>
/// for local runs and for people who are not in Entra ID. People added by a manager always live in the table.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>The person, or null when nobody has that id.</summary>
    Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken);

    /// <summary>
    /// Everyone in the directory, in no particular order, read a page at a time (for sending to the whole community:
    /// about 11,000 people, so callers keep only what they need of each).
    /// </summary>
    IAsyncEnumerable<Person> EveryoneAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> people, ordered by name: when <paramref name="nameOrEmail"/> holds an '@', those whose
    /// email address (or Entra sign-in name) is exactly that, ignoring case; otherwise those whose display name contains
    /// every word typed. Never reads the whole directory.
    /// </summary>
    Task<IReadOnlyList<Person>> FindAsync(string nameOrEmail, int max, CancellationToken cancellationToken);

    /// <summary>The person's line manager, or null when they have none (or the person is unknown).</summary>
    Task<Person?> GetManagerAsync(string personId, CancellationToken cancellationToken);

    /// <summary>Direct reports first (Graph or seeded directory), then people the manager added, each group ordered by name.</summary>
    Task<IReadOnlyList<Person>> GetPeopleManagedByAsync(string managerId, CancellationToken cancellationToken);

    /// <summary>
    /// True when the person is one of the manager's direct reports or someone the manager added; false when either id is
    /// empty (a card's, say), as nobody manages no one and no one manages anybody.
    /// </summary>
    Task<bool> IsManagerOfAsync(string managerId, string personId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds someone with no Teams/Entra account to the manager's list; returns them with a new local id.
    /// Adding the same name and organisation again returns the person already added. Invalid details throw
    /// <see cref="ArgumentException"/> with a message fit to show the manager.
    /// </summary>
    Task<Person> AddPersonAsync(string managerId, NewPerson person, CancellationToken cancellationToken);

    /// <summary>
    /// Removes someone the manager added. A person who is not there is fine; someone from the directory or Graph
    /// cannot be removed (<see cref="InvalidOperationException"/>).
    /// </summary>
    Task RemoveAddedPersonAsync(string managerId, string personId, CancellationToken cancellationToken);
}
