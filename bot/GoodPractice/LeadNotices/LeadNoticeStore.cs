using Azure;
using Azure.Data.Tables;
using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>
/// What leads heard of approved examples and how they reacted: the notices (one per lead and example, added only if
/// absent), the weeks whose bundles were sent, each lead's "not for me" topics, and who is trying an example too.
/// </summary>
public sealed class LeadNoticeStore(TableStorage tables, TimeProvider clock)
{
    public const string NoticesTable = "GoodPracticeLeadNotices";
    public const string PreferencesTable = "GoodPracticeLeadPreferences";
    public const string SpreadTable = "GoodPracticeSpread";

    private readonly LazyTable _notices = tables.Table(NoticesTable);
    private readonly LazyTable _preferences = tables.Table(PreferencesTable);
    private readonly LazyTable _spread = tables.Table(SpreadTable);

    /// <summary>Adds the notice unless the lead already has one for the example; whether it was added.</summary>
    public async Task<bool> AddIfAbsentAsync(LeadNotice notice, CancellationToken cancellationToken)
    {
        var table = await _notices.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(notice, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return false;
        }
    }

    public async Task<LeadNotice?> FindAsync(string personKey, string exampleId, CancellationToken cancellationToken)
    {
        var table = await _notices.GetAsync(cancellationToken);
        return await table.FindAsync<LeadNotice>(LeadEntry.RowKeyFor(personKey), exampleId, cancellationToken: cancellationToken);
    }

    /// <summary>Every notice of one lead.</summary>
    public async Task<List<LeadNotice>> OfAsync(string personKey, CancellationToken cancellationToken)
    {
        var table = await _notices.GetAsync(cancellationToken);
        return await table.ListAsync<LeadNotice>(TableClient.CreateQueryFilter($"PartitionKey eq {LeadEntry.RowKeyFor(personKey)}"), cancellationToken: cancellationToken);
    }

    public async Task<EntityChange<LeadNotice>?> ChangeAsync(string personKey, string exampleId, Func<LeadNotice, EntityDecision<LeadNotice>> decide, CancellationToken cancellationToken)
    {
        var table = await _notices.GetAsync(cancellationToken);
        return await table.ChangeAsync(LeadEntry.RowKeyFor(personKey), exampleId, decide, cancellationToken: cancellationToken);
    }

    public async Task<bool> WeekDoneAsync(string week, CancellationToken cancellationToken)
    {
        var table = await _notices.GetAsync(cancellationToken);
        return await table.FindAsync<PracticeBundleWeek>(PracticeBundleWeek.Partition, week, cancellationToken: cancellationToken) is not null;
    }

    public async Task MarkWeekDoneAsync(string week, int leads, CancellationToken cancellationToken)
    {
        var table = await _notices.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new PracticeBundleWeek { RowKey = week, Leads = leads, At = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The topics the lead said were not for them.</summary>
    public async Task<IReadOnlyList<string>> LessWantedAsync(string personKey, CancellationToken cancellationToken)
    {
        var table = await _preferences.GetAsync(cancellationToken);
        var row = await table.FindAsync<LeadPracticePreference>(LeadPracticePreference.Partition, LeadEntry.RowKeyFor(personKey), cancellationToken: cancellationToken);
        return row?.LessWantedIds ?? [];
    }

    /// <summary>Every lead's "not for me" topics, by the register's row key.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> LessWantedByLeadAsync(CancellationToken cancellationToken)
    {
        var table = await _preferences.GetAsync(cancellationToken);
        var rows = await table.ListAsync<LeadPracticePreference>(TableClient.CreateQueryFilter($"PartitionKey eq {LeadPracticePreference.Partition}"), cancellationToken: cancellationToken);
        return rows.ToDictionary(row => row.RowKey, row => row.LessWantedIds, StringComparer.Ordinal);
    }

    /// <summary>Adds <paramref name="topics"/> to the lead's "not for me" topics (a topic already there is not added again).</summary>
    public async Task AddLessWantedAsync(string personKey, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var table = await _preferences.GetAsync(cancellationToken);
        var rowKey = LeadEntry.RowKeyFor(personKey);
        try
        {
            await table.AddEntityAsync(new LeadPracticePreference { RowKey = rowKey, LessWanted = string.Join(',', topics.Distinct()), UpdatedAt = clock.GetUtcNow() }, cancellationToken);
            return;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
        }

        await table.ChangeAsync<LeadPracticePreference>(LeadPracticePreference.Partition, rowKey, current =>
        {
            var all = current.LessWantedIds.Union(topics, StringComparer.Ordinal).ToList();
            return all.Count == current.LessWantedIds.Count
                ? new EntityDecision<LeadPracticePreference>.Keep()
                : new EntityDecision<LeadPracticePreference>.Write(current with { LessWanted = string.Join(',', all), UpdatedAt = clock.GetUtcNow() });
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Takes <paramref name="topics"/> off the lead's "not for me" topics.</summary>
    public async Task RemoveLessWantedAsync(string personKey, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var table = await _preferences.GetAsync(cancellationToken);
        await table.ChangeAsync<LeadPracticePreference>(LeadPracticePreference.Partition, LeadEntry.RowKeyFor(personKey), current =>
        {
            var left = current.LessWantedIds.Except(topics, StringComparer.Ordinal).ToList();
            return left.Count == current.LessWantedIds.Count
                ? new EntityDecision<LeadPracticePreference>.Keep()
                : new EntityDecision<LeadPracticePreference>.Write(current with { LessWanted = string.Join(',', left), UpdatedAt = clock.GetUtcNow() });
        }, cancellationToken: cancellationToken);
    }

    /// <summary>Counts the person as trying the example too, unless they were counted; whether they were counted now.</summary>
    public async Task<bool> CountSpreadAsync(PracticeSpread spread, CancellationToken cancellationToken)
    {
        var table = await _spread.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(spread, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>Every "trying this too" (a row per person and example; few enough to read whole).</summary>
    public async Task<List<PracticeSpread>> SpreadAsync(CancellationToken cancellationToken)
    {
        var table = await _spread.GetAsync(cancellationToken);
        return await table.ListAsync<PracticeSpread>(null, cancellationToken: cancellationToken);
    }
}
