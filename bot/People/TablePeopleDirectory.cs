using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.People;

/// <summary>
/// The people directory in the <c>People</c> table: seeded from <c>people/people.csv</c> and holding everyone managers
/// add. Each person has a row in partition <c>person</c>; each manager has a partition <c>manages|&lt;managerId&gt;</c>
/// holding a copy of every person they manage, so their list is a single-partition query.
/// </summary>
public sealed partial class TablePeopleDirectory : IPeopleDirectory
{
    private const string PersonPartition = "person";
    private const int MaxTransactionSize = 100;

    /// <summary>Rows a search reads at most; see <see cref="FindAsync"/>.</summary>
    internal const int MaxSearchedRows = 20_000;

    /// <summary>People remembered at most: the whole community, with room to spare.</summary>
    private const int MaxRemembered = 20_000;

    private readonly LazyTable _table;
    private readonly PeopleSeedFile _seedFile;
    private readonly ILogger<TablePeopleDirectory> _logger;
    private readonly CreatedOnce<bool> _seeded;
    private readonly BoundedCache<Person?>? _lookups;

    public TablePeopleDirectory(TableStorage tables, PeopleOptions options, PeopleSeedFile seedFile, ILogger<TablePeopleDirectory> logger)
    {
        _seeded = new(async () =>
        {
            await SeedFromFileAsync(CancellationToken.None);
            return true;
        });
        ArgumentNullException.ThrowIfNull(options);
        _table = tables.Table(options.TableName);
        _lookups = options.LookupCacheDuration > TimeSpan.Zero ? new(MaxRemembered, options.LookupCacheDuration) : null;
        _seedFile = seedFile;
        _logger = logger;
    }

    public async Task<Person?> GetPersonAsync(string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        if (_lookups?.TryGet(personId, out var remembered) == true)
        {
            return remembered;
        }

        var table = await ReadyTableAsync(cancellationToken);
        var entity = await table.FindAsync<PersonEntity>(
            PersonPartition, TableKeys.Encode(personId), cancellationToken: cancellationToken);
        var person = entity?.ToPerson();
        _lookups?.Set(personId, person);
        return person;
    }

    public async IAsyncEnumerable<Person> EveryoneAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await ReadyTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonPartition}");
        await foreach (var entity in table.QueryAsync<PersonEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return entity.ToPerson();
        }
    }

    /// <summary>
    /// Table Storage cannot filter on part of a property, so this reads the <c>person</c> partition (never the managers'
    /// copies) and compares in memory. The partition holds only the seed and the people managers added (Microsoft Graph
    /// holds everyone else), so it is small; still, a search stops after <see cref="MaxSearchedRows"/> rows, or as soon as
    /// an email address is found, since an address belongs to one person.
    /// </summary>
    public async Task<IReadOnlyList<Person>> FindAsync(string nameOrEmail, int max, CancellationToken cancellationToken)
    {
        var text = PersonSearch.Clean(nameOrEmail, max);
        var table = await ReadyTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonPartition}");
        var found = new List<Person>();
        var read = 0;
        await foreach (var entity in table.QueryAsync<PersonEntity>(filter, cancellationToken: cancellationToken))
        {
            var person = entity.ToPerson();
            if (PersonSearch.Matches(person, text))
            {
                found.Add(person);
                if (PersonSearch.IsEmail(text))
                {
                    break;
                }
            }

            if (++read == MaxSearchedRows)
            {
                break;
            }
        }

        return PersonSearch.InNameOrder(found, max);
    }

    public async Task<Person?> GetManagerAsync(string personId, CancellationToken cancellationToken)
    {
        var person = await GetPersonAsync(personId, cancellationToken);
        return person?.ManagerId is { Length: > 0 } managerId ? await GetPersonAsync(managerId, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<Person>> GetPeopleManagedByAsync(string managerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(managerId);
        var table = await ReadyTableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ManagesPartition(managerId)}");
        var people = new List<Person>();
        await foreach (var entity in table.QueryAsync<PersonEntity>(filter, cancellationToken: cancellationToken))
        {
            people.Add(entity.ToPerson());
        }

        return InListOrder(people);
    }

    public async Task<bool> IsManagerOfAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(managerId);
        ArgumentNullException.ThrowIfNull(personId);
        if (managerId.Length == 0 || personId.Length == 0)
        {
            return false;
        }

        var table = await ReadyTableAsync(cancellationToken);
        var entry = await table.FindAsync<PersonEntity>(
            ManagesPartition(managerId), TableKeys.Encode(personId), select: [nameof(PersonEntity.PersonId)], cancellationToken: cancellationToken);
        return entry is not null;
    }

    public async Task<Person> AddPersonAsync(string managerId, NewPerson person, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(managerId);
        var details = NewPersonRules.Validate(person);
        var added = new Person(NewPersonRules.LocalIdFor(managerId, details), details.DisplayName, details.JobTitle,
            details.Organisation, details.OrganisationKind, Email: null, UsesTeams: false, PersonSource.AddedByManager, managerId);

        var table = await ReadyTableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(PersonEntity.From(added, ManagesPartition(managerId)), cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            var existing = await table.GetEntityAsync<PersonEntity>(
                ManagesPartition(managerId), TableKeys.Encode(added.Id), cancellationToken: cancellationToken);
            added = existing.Value.ToPerson();
        }

        // Written (again) after the list entry, so a retry repairs an add that stopped half way.
        await table.UpsertEntityAsync(PersonEntity.From(added, PersonPartition), TableUpdateMode.Replace, cancellationToken);
        _lookups?.Remove(added.Id);
        LogAdded(managerId, added.Id);
        return added;
    }

    public async Task RemoveAddedPersonAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(managerId);
        ArgumentException.ThrowIfNullOrEmpty(personId);
        var table = await ReadyTableAsync(cancellationToken);
        var entry = await table.FindAsync<PersonEntity>(
            ManagesPartition(managerId), TableKeys.Encode(personId), cancellationToken: cancellationToken);
        if (entry is { Source: not PersonSource.AddedByManager })
        {
            throw new InvalidOperationException("Only people the manager added themselves can be removed from their list.");
        }

        if (entry is not null)
        {
            await table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, cancellationToken: cancellationToken);
        }

        // The person row goes second, and also when an earlier removal stopped after the list entry.
        var row = await table.FindAsync<PersonEntity>(PersonPartition, TableKeys.Encode(personId), cancellationToken: cancellationToken);
        if (row is { Source: PersonSource.AddedByManager } && row.ManagerId == managerId)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            _lookups?.Remove(personId);
            LogRemoved(managerId, personId);
        }
    }

    /// <summary>Direct reports first, then people the manager added; by name within each group.</summary>
    internal static IReadOnlyList<Person> InListOrder(IEnumerable<Person> people) =>
    [
        .. people
            .OrderBy(person => person.Source == PersonSource.AddedByManager)
            .ThenBy(person => person.DisplayName, StringComparer.InvariantCultureIgnoreCase)
            .ThenBy(person => person.Id, StringComparer.Ordinal),
    ];

    /// <summary>Runs the CSV seed once per process (again after a storage failure). A bad file is logged, not fatal.</summary>
    public Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        // Shared by every caller (a caller giving up does not cancel it for the others), and tried again after a failure;
        // a turn waits for it no longer than its storage budget allows.
        var seeded = _seeded.Ready;
        return seeded.IsCompletedSuccessfully ? seeded : StorageBudget.WaitAsync(seeded, cancellationToken);
    }

    /// <summary>
    /// Makes the table match the seed: new and changed people are written, people dropped from the seed are removed,
    /// and people managers added are never touched. Unchanged people cost no writes, so it is cheap at every start.
    /// </summary>
    public async Task<SeedResult> SeedAsync(IReadOnlyList<Person> seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var table = await _table.GetAsync(cancellationToken);
        var stored = new Dictionary<string, PersonEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonPartition}");
        await foreach (var entity in table.QueryAsync<PersonEntity>(filter, cancellationToken: cancellationToken))
        {
            stored[entity.PersonId] = entity;
        }

        var changed = new List<Person>();
        var staleListEntries = new List<(string ManagerId, string PersonId)>();
        var skipped = 0;
        foreach (var person in seed)
        {
            var current = stored.GetValueOrDefault(person.Id);
            if (current is { Source: not PersonSource.Directory })
            {
                LogSeedCollision(person.Id);
                skipped++;
                continue;
            }

            if (current?.ToPerson() == person with { Source = PersonSource.Directory })
            {
                continue;
            }

            changed.Add(person with { Source = PersonSource.Directory });
            if (current?.ManagerId is { Length: > 0 } previous && previous != person.ManagerId)
            {
                staleListEntries.Add((previous, person.Id));
            }
        }

        var seedIds = seed.Select(person => person.Id).ToHashSet(StringComparer.Ordinal);
        var dropped = stored.Values.Where(row => row.Source == PersonSource.Directory && !seedIds.Contains(row.PersonId)).ToList();
        staleListEntries.AddRange(dropped.Where(row => row.ManagerId is { Length: > 0 }).Select(row => (row.ManagerId!, row.PersonId)));

        await WriteSeedAsync(table, changed, staleListEntries, dropped, cancellationToken);
        _lookups?.Clear();
        var result = new SeedResult(seed.Count, changed.Count, dropped.Count, skipped);
        LogSeeded(result.InSeed, result.Written, result.Removed, result.Skipped);
        return result;
    }

    private async Task WriteSeedAsync(TableClient table, List<Person> changed, List<(string ManagerId, string PersonId)> staleListEntries,
        List<PersonEntity> dropped, CancellationToken cancellationToken)
    {
        // List entries first and person rows last: a seed that stops half way leaves person rows that differ from
        // the file, so the next start writes that person (and their list entry) again.
        var listEntries = changed
            .Where(person => person.ManagerId is { Length: > 0 })
            .Select(person => PersonEntity.From(person, ManagesPartition(person.ManagerId!)));
        foreach (var partition in listEntries.GroupBy(entry => entry.PartitionKey))
        {
            await UpsertInBatchesAsync(table, partition, cancellationToken);
        }

        foreach (var (managerId, personId) in staleListEntries)
        {
            await table.DeleteEntityAsync(ManagesPartition(managerId), TableKeys.Encode(personId), cancellationToken: cancellationToken);
        }

        await UpsertInBatchesAsync(table, changed.Select(person => PersonEntity.From(person, PersonPartition)), cancellationToken);
        foreach (var row in dropped)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
        }
    }

    private static async Task UpsertInBatchesAsync(TableClient table, IEnumerable<PersonEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var batch in entities.Chunk(MaxTransactionSize))
        {
            var actions = batch.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private async Task<TableClient> ReadyTableAsync(CancellationToken cancellationToken)
    {
        await EnsureSeededAsync(cancellationToken);
        return await _table.GetAsync(cancellationToken);
    }

    private async Task SeedFromFileAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Person>? seed;
        try
        {
            seed = await _seedFile.ReadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            // Managers can still see people they added; the file's problem is in the log for whoever edited it.
            LogSeedUnreadable(exception, _seedFile.Path);
            return;
        }

        if (seed is not null)
        {
            await SeedAsync(seed, cancellationToken);
        }
    }

    private static string ManagesPartition(string managerId) => "manages|" + TableKeys.Encode(managerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Manager {ManagerId} added person {PersonId}")]
    private partial void LogAdded(string managerId, string personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Manager {ManagerId} removed person {PersonId}")]
    private partial void LogRemoved(string managerId, string personId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The people seed lists {PersonId}, which a manager added; the seed row is skipped")]
    private partial void LogSeedCollision(string personId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "People seed: {InSeed} in the file, {Written} written, {Removed} removed, {Skipped} skipped")]
    private partial void LogSeeded(int inSeed, int written, int removed, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "The people seed file {Path} could not be read; the directory starts without it")]
    private partial void LogSeedUnreadable(Exception exception, string? path);
}
