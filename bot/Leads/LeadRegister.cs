using Azure;
using Azure.Data.Tables;
using LearningBot.Calendar;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.Leads;

/// <summary>What adding a lead did.</summary>
public enum LeadAddOutcome
{
    Added,

    /// <summary>A retired lead is active again, with the new details.</summary>
    Reinstated,

    /// <summary>The same add form was sent again (a second press, or Teams retrying): the first press's entry.</summary>
    AlreadyAddedByThisForm,

    /// <summary>The person is already an active lead; nothing was written.</summary>
    AlreadyInRegister,
}

/// <summary>What a seed run did.</summary>
public sealed record LeadSeedResult(int InSeed, int Added, int Updated, int KeptTeamsEdits);

/// <summary>
/// The register of leads in the <c>LeadRegister</c> table, seeded from the who's who at start and changed in Teams by
/// the leads themselves and the L&amp;D Support Team. Every change is an optimistic one (<see cref="OptimisticChange"/>).
/// </summary>
public sealed partial class LeadRegister
{
    public const string TableName = "LeadRegister";

    /// <summary>Who the seed's changes are recorded as made by.</summary>
    public const string SeedAuthor = "whos-who";

    private const int MaxTransactionSize = 100;

    private readonly LazyTable _table;
    private readonly LeadSeedFile _seedFile;
    private readonly TimeProvider _clock;
    private readonly ILogger<LeadRegister> _logger;
    private readonly CreatedOnce<bool> _seeded;

    public LeadRegister(TableStorage tables, LeadSeedFile seedFile, TimeProvider clock, ILogger<LeadRegister> logger)
    {
        _seeded = new(async () =>
        {
            await SeedFromFileAsync(CancellationToken.None);
            return true;
        });
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Table(TableName);
        _seedFile = seedFile;
        _clock = clock;
        _logger = logger;
    }

    public async Task<LeadEntry?> FindAsync(string personKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personKey);
        var table = await ReadyTableAsync(cancellationToken);
        return await table.FindAsync<LeadEntry>(LeadEntry.Partition, LeadEntry.RowKeyFor(personKey), cancellationToken: cancellationToken);
    }

    /// <summary>The caller's own active entry, found by their Entra object id or, failing that, their Teams user id.</summary>
    public async Task<LeadEntry?> ActiveEntryOfAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        foreach (var key in new[] { caller.AadObjectId, caller.TeamsId }.OfType<string>().Where(key => key.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (await FindAsync(key, cancellationToken) is { Retired: false } entry)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Every entry, retired ones included (the register is a few hundred rows at most).</summary>
    public async Task<IReadOnlyList<LeadEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await ReadyTableAsync(cancellationToken);
        return await table.ListAsync<LeadEntry>(TableClient.CreateQueryFilter($"PartitionKey eq {LeadEntry.Partition}"), cancellationToken: cancellationToken);
    }

    /// <summary>Changes the entry at the version read (null when there is none).</summary>
    public async Task<EntityChange<LeadEntry>?> ChangeAsync(string personKey, Func<LeadEntry, EntityDecision<LeadEntry>> decide, CancellationToken cancellationToken)
    {
        var table = await ReadyTableAsync(cancellationToken);
        return await table.ChangeAsync(LeadEntry.Partition, LeadEntry.RowKeyFor(personKey), decide, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Adds <paramref name="entry"/> (made with <see cref="LeadEntry.AddedWith"/> set), or reinstates the person if they
    /// were retired. The same form sent twice finds its own entry, so a second press never adds anything.
    /// </summary>
    public async Task<(LeadEntry Entry, LeadAddOutcome Outcome)> AddAsync(LeadEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await ReadyTableAsync(cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(entry, cancellationToken);
            entry.ETag = response.NewETag();
            LogAdded(entry.PersonKey, entry.UpdatedBy);
            return (entry, LeadAddOutcome.Added);
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
        }

        var outcome = LeadAddOutcome.AlreadyInRegister;
        var change = await table.ChangeAsync<LeadEntry>(entry.PartitionKey, entry.RowKey, current =>
        {
            if (current.AddedWith is { Length: > 0 } form && form == entry.AddedWith)
            {
                outcome = LeadAddOutcome.AlreadyAddedByThisForm;
                return new EntityDecision<LeadEntry>.Keep();
            }

            if (!current.Retired)
            {
                outcome = LeadAddOutcome.AlreadyInRegister;
                return new EntityDecision<LeadEntry>.Keep();
            }

            outcome = LeadAddOutcome.Reinstated;
            return new EntityDecision<LeadEntry>.Write(entry with { WhosWhoId = current.WhosWhoId, EditedInTeams = true });
        }, cancellationToken: cancellationToken);

        return (change?.Entity ?? entry, outcome);
    }

    /// <summary>Runs the who's-who seed once per process (again after a storage failure). A bad file is logged, not fatal.</summary>
    public Task EnsureSeededAsync(CancellationToken cancellationToken)
    {
        // Shared by every caller (a caller giving up does not cancel it for the others), and tried again after a failure;
        // a turn waits for it no longer than its storage budget allows.
        var seeded = _seeded.Ready;
        return seeded.IsCompletedSuccessfully ? seeded : StorageBudget.WaitAsync(seeded, cancellationToken);
    }

    /// <summary>
    /// Brings the register in line with the who's who: new leads are added and seeded entries follow the file, but an
    /// entry changed in Teams (by the lead or the L&amp;D Support Team) is never overwritten. Unchanged entries cost no
    /// writes, so it is cheap at every start; entries the file no longer lists are left for the L&amp;D team to retire.
    /// </summary>
    public async Task<LeadSeedResult> SeedAsync(IReadOnlyList<LeadSeed> seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var table = await _table.GetAsync(cancellationToken);
        var stored = (await table.ListAsync<LeadEntry>(TableClient.CreateQueryFilter($"PartitionKey eq {LeadEntry.Partition}"), cancellationToken: cancellationToken))
            .ToDictionary(entry => entry.RowKey, StringComparer.Ordinal);
        int updated = 0, kept = 0;
        var missing = new List<LeadEntry>();
        foreach (var lead in seed)
        {
            var details = DetailsOf(lead);
            var current = stored.GetValueOrDefault(LeadEntry.RowKeyFor(lead.PersonKey));
            if (current is { EditedInTeams: true })
            {
                kept++;
            }
            else if (current is null)
            {
                missing.Add(LeadEntry.Create(details, lead.PersonKey, lead.Name, SeedAuthor, _clock.GetUtcNow()) with { WhosWhoId = lead.WhosWhoId, Kind = lead.Kind });
            }
            else if (!current.Holds(details) || current.Name != lead.Name || current.WhosWhoId != lead.WhosWhoId || current.Kind != lead.Kind)
            {
                var change = await table.ChangeAsync<LeadEntry>(current.PartitionKey, current.RowKey, latest => latest.EditedInTeams
                    ? new EntityDecision<LeadEntry>.Keep()
                    : new EntityDecision<LeadEntry>.Write(latest.WithDetails(details) with
                    {
                        Name = lead.Name, WhosWhoId = lead.WhosWhoId, Kind = lead.Kind, AlertPreference = latest.AlertPreference, UpdatedBy = SeedAuthor, UpdatedAt = _clock.GetUtcNow(),
                    }), cancellationToken: cancellationToken);
                updated += change is { Changed: true } ? 1 : 0;
            }
        }

        var added = await AddSeededAsync(table, [.. missing.DistinctBy(entry => entry.RowKey)], cancellationToken);
        var result = new LeadSeedResult(seed.Count, added, updated, kept);
        LogSeeded(result.InSeed, result.Added, result.Updated, result.KeptTeamsEdits);
        return result;
    }

    /// <summary>
    /// Adds the leads the register lacks: a transaction per 100 (one round trip for a first start), or one by one when
    /// a transaction fails because another instance was seeding at the same time.
    /// </summary>
    private static async Task<int> AddSeededAsync(TableClient table, IReadOnlyList<LeadEntry> entries, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var chunk in entries.Chunk(MaxTransactionSize))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(entry => new TableTransactionAction(TableTransactionActionType.Add, entry)), cancellationToken);
                added += chunk.Length;
                continue;
            }
            catch (TableTransactionFailedException)
            {
            }

            foreach (var entry in chunk)
            {
                try
                {
                    await table.AddEntityAsync(entry, cancellationToken);
                    added++;
                }
                catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
                {
                }
            }
        }

        return added;
    }

    private LeadDetails DetailsOf(LeadSeed lead)
    {
        var today = UkTime.Today(_clock);
        return new LeadDetails(
            PersonalDataScrubber.Scrub(lead.RoleTitle, today), PersonalDataScrubber.Scrub(lead.Organisation, today),
            lead.OrganisationKind, lead.Specialties, AlertPreferences.Weekly);
    }

    private async Task<TableClient> ReadyTableAsync(CancellationToken cancellationToken)
    {
        await EnsureSeededAsync(cancellationToken);
        return await _table.GetAsync(cancellationToken);
    }

    private async Task SeedFromFileAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<LeadSeed>? seed;
        try
        {
            seed = await _seedFile.ReadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            // The register still works with what it holds; the file's problem is in the log for whoever edited it.
            LogSeedUnreadable(exception, _seedFile.Path);
            return;
        }

        if (seed is not null)
        {
            await SeedAsync(seed, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {PersonKey} added to the register by {AddedBy}")]
    private partial void LogAdded(string personKey, string addedBy);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Register of leads seeded: {InSeed} in the who's who, {Added} added, {Updated} updated, {Kept} kept as changed in Teams")]
    private partial void LogSeeded(int inSeed, int added, int updated, int kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the leads in {Path}; the register keeps what it holds")]
    private partial void LogSeedUnreadable(Exception exception, string? path);
}
