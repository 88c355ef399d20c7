using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace LearningBot.People;

/// <summary>
/// People from Microsoft Graph (Entra ID): the user, their manager and their direct reports, each answer cached
/// briefly. Everyone else, including the people managers add and anyone seeded from the CSV, comes from
/// <see cref="TablePeopleDirectory"/>. Needs the application permission <c>User.Read.All</c>.
/// A person read through <see cref="GetManagerAsync"/> carries no <see cref="Person.ManagerId"/>; ask
/// <see cref="GetPersonAsync"/> for that. The cache it is given should be its own, with a size limit
/// (<see cref="NewCache"/>): every answer counts one, so at most <see cref="MaxCachedAnswers"/> are held.
/// </summary>
public sealed class GraphPeopleDirectory(GraphServiceClient graph, TablePeopleDirectory table, IMemoryCache cache, GraphPeopleOptions options)
    : IPeopleDirectory
{
    public const string Scope = "https://graph.microsoft.com/.default";
    private const int MaxReportPages = 50;

    /// <summary>The largest page Graph gives of users.</summary>
    private const int MaxUsersPage = 999;

    /// <summary>The service key of the directory's own cache.</summary>
    public const string CacheKey = "people:graph";

    /// <summary>Graph answers held at once (people, managers, lists of reports), whatever the number of people asked about.</summary>
    public const int MaxCachedAnswers = 10_000;

    /// <summary>A cache for the directory that never holds more than <see cref="MaxCachedAnswers"/> answers.</summary>
    public static MemoryCache NewCache() => new(new MemoryCacheOptions { SizeLimit = MaxCachedAnswers });

    private static readonly string[] UserFields =
        ["id", "displayName", "jobTitle", "department", "companyName", "mail", "officeLocation"];

    public async Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        var fromGraph = IsEntraId(personId) ? await CachedAsync("user", personId, FetchUserAsync, cancellationToken) : null;
        return fromGraph ?? await table.GetPersonAsync(personId, cancellationToken);
    }

    /// <summary>Every user in Entra ID (a page of up to 999 at a time), then everyone in the table who is not one of them.</summary>
    public async IAsyncEnumerable<Person> EveryoneAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var page = await graph.Users.GetAsync(request =>
        {
            request.QueryParameters.Select = UserFields;
            request.QueryParameters.Top = 999;
        }, cancellationToken);
        while (page is not null)
        {
            foreach (var user in page.Value ?? [])
            {
                seen.Add(user.Id ?? string.Empty);
                yield return ToPerson(user, managerId: null);
            }

            page = page.OdataNextLink is { Length: > 0 } next
                ? await graph.Users.WithUrl(next).GetAsync(cancellationToken: cancellationToken)
                : null;
        }

        await foreach (var person in table.EveryoneAsync(cancellationToken))
        {
            if (!seen.Contains(person.Id))
            {
                yield return person;
            }
        }
    }

    /// <summary>
    /// One page from Graph (a <c>$search</c> on name and mail, or a <c>$filter</c> on an email address), then the table's
    /// matches who are not among them, by name; each Graph answer is cached like the others.
    /// </summary>
    public async Task<IReadOnlyList<Person>> FindAsync(string nameOrEmail, int max, CancellationToken cancellationToken)
    {
        var text = PersonSearch.Clean(nameOrEmail, max);
        var top = Math.Min(max, MaxUsersPage);
        var fromGraph = await CachedAsync("find", $"{top}:{text}", (_, token) => FetchMatchesAsync(text, top, token), cancellationToken) ?? [];
        var fromTable = await table.FindAsync(text, max, cancellationToken);
        var inGraph = fromGraph.Select(person => person.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return PersonSearch.InNameOrder(fromGraph.Concat(fromTable.Where(person => !inGraph.Contains(person.Id))), max);
    }

    /// <summary>
    /// The <c>$search</c> for a name: each clause is a double-quoted string, in which a backslash and a double quote
    /// must be escaped with a backslash, or the query would end early (or fail) on what someone typed.
    /// </summary>
    internal static string NameSearch(string name)
    {
        var escaped = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"\"displayName:{escaped}\" OR \"mail:{escaped}\"";
    }

    /// <summary>The <c>$filter</c> for an email address: OData string literals double a single quote.</summary>
    internal static string EmailFilter(string email)
    {
        var literal = "'" + email.Replace("'", "''", StringComparison.Ordinal) + "'";
        return $"mail eq {literal} or userPrincipalName eq {literal}";
    }

    public async Task<Person?> GetManagerAsync(string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        if (!IsEntraId(personId) || await GetPersonAsync(personId, cancellationToken) is not { Source: PersonSource.Graph })
        {
            // People outside Entra ID (added, or seeded) usually have a manager who is in it.
            return await table.GetPersonAsync(personId, cancellationToken) is { ManagerId: { Length: > 0 } managerId }
                ? await GetPersonAsync(managerId, cancellationToken)
                : null;
        }

        return await CachedAsync("manager", personId, FetchManagerAsync, cancellationToken);
    }

    public async Task<IReadOnlyList<Person>> GetPeopleManagedByAsync(string managerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(managerId);
        var fromGraph = IsEntraId(managerId)
            ? await CachedAsync("reports", managerId, FetchDirectReportsAsync, cancellationToken) ?? []
            : [];
        var fromTable = await table.GetPeopleManagedByAsync(managerId, cancellationToken);
        var inGraph = fromGraph.Select(person => person.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return TablePeopleDirectory.InListOrder(fromGraph.Concat(fromTable.Where(person => !inGraph.Contains(person.Id))));
    }

    public async Task<bool> IsManagerOfAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managerId);
        ArgumentNullException.ThrowIfNull(personId);
        if (managerId.Length == 0 || personId.Length == 0)
        {
            return false;
        }

        if (IsEntraId(personId) && await CachedAsync("manager", personId, FetchManagerAsync, cancellationToken) is { } manager
            && string.Equals(manager.Id, managerId, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return await table.IsManagerOfAsync(managerId, personId, cancellationToken);
    }

    public Task<Person> AddPersonAsync(string managerId, NewPerson person, CancellationToken cancellationToken) =>
        table.AddPersonAsync(managerId, person, cancellationToken);

    public Task RemoveAddedPersonAsync(string managerId, string personId, CancellationToken cancellationToken) =>
        table.RemoveAddedPersonAsync(managerId, personId, cancellationToken);

    /// <summary>Entra object ids are GUIDs; anything else (local ids, test ids) never costs a Graph call.</summary>
    private static bool IsEntraId(string personId) => Guid.TryParse(personId, out _);

    private async Task<T?> CachedAsync<T>(string kind, string id, Func<string, CancellationToken, Task<T?>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        var key = $"people:graph:{kind}:{id.ToUpperInvariant()}";
        if (cache.TryGetValue(key, out T? cached))
        {
            return cached;
        }

        var value = await fetch(id, cancellationToken);
        if (options.CacheDuration > TimeSpan.Zero)
        {
            cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.CacheDuration });
        }

        return value;
    }

    private async Task<Person?> FetchUserAsync(string personId, CancellationToken cancellationToken)
    {
        var user = await NullWhenNotFoundAsync(graph.Users[personId].GetAsync(request =>
        {
            request.QueryParameters.Select = UserFields;
            request.QueryParameters.Expand = ["manager($select=id)"];
        }, cancellationToken));
        return user is null ? null : ToPerson(user, user.Manager?.Id);
    }

    private async Task<IReadOnlyList<Person>?> FetchMatchesAsync(string text, int top, CancellationToken cancellationToken)
    {
        var page = await graph.Users.GetAsync(request =>
        {
            request.QueryParameters.Select = UserFields;
            request.QueryParameters.Top = top;
            if (PersonSearch.IsEmail(text))
            {
                request.QueryParameters.Filter = EmailFilter(text);
            }
            else
            {
                // $search on users is an advanced query: Graph refuses it (400) without this header.
                request.QueryParameters.Search = NameSearch(text);
                request.Headers.Add("ConsistencyLevel", "eventual");
            }
        }, cancellationToken);
        return [.. page?.Value?.Select(user => ToPerson(user, managerId: null)) ?? []];
    }

    private async Task<Person?> FetchManagerAsync(string personId, CancellationToken cancellationToken)
    {
        var manager = await NullWhenNotFoundAsync(graph.Users[personId].Manager.GetAsync(
            request => request.QueryParameters.Select = UserFields, cancellationToken));
        return manager is User user ? ToPerson(user, managerId: null) : null;
    }

    private async Task<IReadOnlyList<Person>?> FetchDirectReportsAsync(string managerId, CancellationToken cancellationToken)
    {
        var people = new List<Person>();
        var page = await NullWhenNotFoundAsync(graph.Users[managerId].DirectReports.GetAsync(
            request => request.QueryParameters.Select = UserFields, cancellationToken));
        for (var pages = 1; page is not null; pages++)
        {
            // Direct reports can also be organisational contacts or devices; only users are people to review.
            people.AddRange(page.Value?.OfType<User>().Select(user => ToPerson(user, managerId)) ?? []);
            if (page.OdataNextLink is not { Length: > 0 } next || pages == MaxReportPages)
            {
                break;
            }

            page = await graph.Users[managerId].DirectReports.WithUrl(next).GetAsync(cancellationToken: cancellationToken);
        }

        return people;
    }

    private static async Task<T?> NullWhenNotFoundAsync<T>(Task<T?> request)
        where T : class
    {
        try
        {
            return await request;
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    private static Person ToPerson(User user, string? managerId) => new(
        user.Id ?? string.Empty,
        user.DisplayName ?? user.Mail ?? user.Id ?? string.Empty,
        Blank(user.JobTitle),
        Blank(user.CompanyName) ?? Blank(user.Department),
        OrganisationKind: null,
        Blank(user.Mail),
        UsesTeams: true,
        PersonSource.Graph,
        managerId);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
