using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview;

/// <summary>What happened when a manager confirmed a review.</summary>
public abstract record ConfirmOutcome
{
    private ConfirmOutcome()
    {
    }

    /// <summary>Saved now: the review, the person's row and the draft's removal went in together.</summary>
    public sealed record Saved : ConfirmOutcome;

    /// <summary>It had been saved already (a second press or a redelivery): nothing changed; <paramref name="Review"/> is the stored one.</summary>
    public sealed record AlreadySaved(ReviewEntity Review) : ConfirmOutcome;

    /// <summary>The draft changed (another device) or vanished since the summary was shown: nothing was saved.</summary>
    public sealed record DraftChanged : ConfirmOutcome;
}

/// <summary>
/// Reviews in one table, partitioned by the manager who runs them: drafts (<c>draft|person</c>), confirmed
/// reviews (<c>review|id</c>) and one index row per person (<c>person|id</c>). A manager's team is one
/// partition query, and confirming is one entity group transaction.
/// </summary>
public sealed partial class ReviewStore(TableStorage tables)
{
    public const string TableName = "FiveMinuteReviews";
    private const string DraftPrefix = "draft|";
    private const string ReviewPrefix = "review|";
    private const string PersonPrefix = "person|";
    private const string LocatorPartition = "locator";

    private readonly LazyTable _table = tables.Table(TableName);

    public static string Partition(string managerId) => TableKeys.Encode(managerId);

    public static string DraftKey(string personId) => DraftPrefix + TableKeys.Encode(personId);

    public static string ReviewKey(string reviewId) => ReviewPrefix + TableKeys.Encode(reviewId);

    public static string PersonKey(string personId) => PersonPrefix + TableKeys.Encode(personId);

    public async Task<ReviewEntity?> GetDraftAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<ReviewEntity>(Partition(managerId), DraftKey(personId), cancellationToken: cancellationToken);
    }

    /// <summary>Starts a draft, or returns the one that already exists for this manager and person.</summary>
    public async Task<ReviewEntity> CreateDraftAsync(ReviewEntity draft, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var keyed = draft with { PartitionKey = Partition(draft.ManagerId), RowKey = DraftKey(draft.PersonId) };
        try
        {
            var response = await table.AddEntityAsync(keyed, cancellationToken);
            return keyed with { ETag = response.NewETag() };
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            return (await table.GetEntityAsync<ReviewEntity>(keyed.PartitionKey, keyed.RowKey, cancellationToken: cancellationToken)).Value;
        }
    }

    /// <summary>
    /// Decides on the latest draft and writes the decision at the version read, deciding again when someone saved in
    /// between (see <see cref="OptimisticChange.ChangeAsync"/>). Null when there is no draft.
    /// </summary>
    /// <param name="known">The draft as read earlier in this turn (with its ETag), to decide on first instead of reading it again.</param>
    public async Task<EntityChange<ReviewEntity>?> ChangeDraftAsync(
        string managerId, string personId, Func<ReviewEntity, EntityDecision<ReviewEntity>> decide, int maxAttempts, CancellationToken cancellationToken,
        ReviewEntity? known = null)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ChangeAsync(Partition(managerId), DraftKey(personId), decide, maxAttempts: maxAttempts, cancellationToken: cancellationToken, known: known);
    }

    /// <summary>Applies <paramref name="change"/> to the latest draft, retrying when someone saved in between.</summary>
    public async Task<ReviewEntity?> UpdateDraftAsync(string managerId, string personId, Func<ReviewEntity, ReviewEntity> change, CancellationToken cancellationToken)
    {
        var changed = await ChangeDraftAsync(
            managerId, personId, draft => new EntityDecision<ReviewEntity>.Write(change(draft)), maxAttempts: 6, cancellationToken);
        return changed?.Entity;
    }

    public async Task DeleteDraftAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.DeleteEntityAsync(Partition(managerId), DraftKey(personId), cancellationToken: cancellationToken);
    }

    public async Task<ReviewEntity?> GetReviewAsync(string managerId, string reviewId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<ReviewEntity>(Partition(managerId), ReviewKey(reviewId), cancellationToken: cancellationToken);
    }

    /// <summary>The manager who holds a review, for links that carry only the review id.</summary>
    public async Task<ReviewEntity?> FindReviewAsync(string reviewId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var locator = await table.FindAsync<ReviewLocatorEntity>(LocatorPartition, TableKeys.Encode(reviewId), cancellationToken: cancellationToken);
        return locator is null ? null : await GetReviewAsync(locator.ManagerId, reviewId, cancellationToken);
    }

    /// <summary>
    /// Saves the review, updates the person's row, deletes the draft (at the version the manager saw) and, when the
    /// person uses Teams, owes them their copy (an outbox row, see <see cref="ReviewPersonCopy"/>), in one transaction.
    /// Safe to repeat: a review that exists already is left alone.
    /// </summary>
    public async Task<ConfirmOutcome> ConfirmAsync(ReviewEntity review, ETag draftVersion, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = Partition(review.ManagerId);
        var saved = review with { PartitionKey = partition, RowKey = ReviewKey(review.ReviewId) };
        await table.UpsertEntityAsync(
            new ReviewLocatorEntity { PartitionKey = LocatorPartition, RowKey = TableKeys.Encode(review.ReviewId), ManagerId = review.ManagerId },
            TableUpdateMode.Replace, cancellationToken);
        // The person's record lives in their own partition, so it cannot join the transaction: like the locator, it is
        // written first, and an entry whose review was never saved is skipped when read.
        await table.UpsertEntityAsync(History.ReviewHistoryEntry.For(review), TableUpdateMode.Merge, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var existingIndex = await table.FindAsync<PersonIndexEntity>(partition, PersonKey(review.PersonId), cancellationToken: cancellationToken);
            var index = PersonIndexEntity.AfterReview(review, partition, PersonKey(review.PersonId));
            try
            {
                List<TableTransactionAction> actions =
                [
                    new TableTransactionAction(TableTransactionActionType.Add, saved),
                    existingIndex is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, index)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, index, existingIndex.ETag),
                    new TableTransactionAction(TableTransactionActionType.Delete, new ReviewEntity { PartitionKey = partition, RowKey = DraftKey(review.PersonId) }, draftVersion),
                ];
                if (review.PersonUsesTeams)
                {
                    // The person's copy is owed from the moment the review is saved: an outbox row in the same transaction.
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ReviewPersonCopy.Message(review)
                        .ToEntity(partition, ReviewPersonCopy.NotificationId(review.ReviewId), review.ConfirmedAt ?? review.UpdatedAt)));
                }

                await table.SubmitTransactionAsync(actions, cancellationToken);
                return new ConfirmOutcome.Saved();
            }
            catch (TableTransactionFailedException failure)
            {
                if (await GetReviewAsync(review.ManagerId, review.ReviewId, cancellationToken) is { } stored)
                {
                    return new ConfirmOutcome.AlreadySaved(stored);
                }

                // Only the person's row moved on (a reminder was recorded meanwhile): read it again and retry.
                if (failure.FailedTransactionActionIndex != 1 || attempt >= 3)
                {
                    return new ConfirmOutcome.DraftChanged();
                }
            }
        }
    }

    /// <summary>Decides on the latest saved review and writes the decision at the version read (see <see cref="OptimisticChange.ChangeAsync"/>). Null when there is no such review.</summary>
    public async Task<EntityChange<ReviewEntity>?> ChangeReviewAsync(
        string managerId, string reviewId, Func<ReviewEntity, EntityDecision<ReviewEntity>> decide, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ChangeAsync(Partition(managerId), ReviewKey(reviewId), decide, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Records the person's acknowledgment, once, on the review and (when it is their latest) their row, in one
    /// transaction; <see cref="EntityChange{T}.Changed"/> is false when it was acknowledged already.
    /// </summary>
    public async Task<EntityChange<ReviewEntity>> AcknowledgeAsync(ReviewEntity review, ScrubbedText comment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            if (review.AcknowledgedAt is not null)
            {
                return new EntityChange<ReviewEntity>(review, Changed: false);
            }

            var acknowledged = review.WithPersonComment(comment) with { AcknowledgedAt = now };
            var index = await table.FindAsync<PersonIndexEntity>(review.PartitionKey, PersonKey(review.PersonId), cancellationToken: cancellationToken);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, acknowledged, review.ETag)];
            if (index is not null && index.LastReviewId == review.ReviewId)
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, index with { AcknowledgedAt = now }, index.ETag));
            }

            try
            {
                var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
                return new EntityChange<ReviewEntity>(acknowledged with { ETag = responses.Value[0].NewETag() }, Changed: true);
            }
            catch (TableTransactionFailedException) when (attempt < 3)
            {
                review = (await table.GetEntityAsync<ReviewEntity>(review.PartitionKey, review.RowKey, cancellationToken: cancellationToken)).Value;
            }
        }
    }

    /// <summary>A manager's drafts and person rows, in one partition query.</summary>
    public async Task<TeamRows> GetTeamRowsAsync(string managerId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = Partition(managerId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and ((RowKey ge {DraftPrefix} and RowKey lt {"draft}"}) or (RowKey ge {PersonPrefix} and RowKey lt {"person}"}))");
        var drafts = new Dictionary<string, ReviewEntity>(StringComparer.Ordinal);
        var people = new Dictionary<string, PersonIndexEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TeamRow>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(DraftPrefix, StringComparison.Ordinal))
            {
                drafts[row.PersonId] = new ReviewEntity { PersonId = row.PersonId, ReviewId = row.ReviewId ?? string.Empty, Step = row.Step ?? 1, StartedAt = row.StartedAt ?? default };
            }
            else
            {
                people[row.PersonId] = row.ToIndex();
            }
        }

        return new TeamRows(drafts, people);
    }

    /// <summary>Adds a row for a person the manager looks after, so coverage counts people not yet reviewed.</summary>
    public async Task RememberPersonAsync(string managerId, string personId, string name, string? organisation, string? organisationKind, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new PersonIndexEntity
            {
                PartitionKey = Partition(managerId),
                RowKey = PersonKey(personId),
                ManagerId = managerId,
                PersonId = personId,
                PersonName = name,
                Organisation = organisation,
                OrganisationKind = organisationKind,
            }, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            // Known already.
        }
    }

    /// <summary>Every person row, across managers, whose next review is on or before <paramref name="until"/>.</summary>
    public async IAsyncEnumerable<PersonIndexEntity> QueryDueAsync(DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {PersonPrefix} and RowKey lt {"person}"} and NextReviewDue le {until}");
        await foreach (var row in table.QueryAsync<PersonIndexEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Every person row across managers (for coverage).</summary>
    public async IAsyncEnumerable<PersonIndexEntity> QueryPeopleAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {PersonPrefix} and RowKey lt {"person}"}");
        await foreach (var row in table.QueryAsync<PersonIndexEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Confirmed reviews since <paramref name="since"/>, with only the fields aggregates need.</summary>
    public async IAsyncEnumerable<ReviewEntity> QueryConfirmedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ReviewPrefix} and RowKey lt {"review}"} and ConfirmedAt ge {since}");
        string[] select = [nameof(ReviewEntity.PersonId), nameof(ReviewEntity.Organisation), nameof(ReviewEntity.LearningNeeds), nameof(ReviewEntity.Approaches), nameof(ReviewEntity.ConfirmedAt), nameof(ReviewEntity.DurationSeconds)];
        await foreach (var row in table.QueryAsync<ReviewEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Claims a reminder for one due date: only the writer whose version still matches sends it.</summary>
    public async Task<bool> TryClaimReminderAsync(PersonIndexEntity row, PersonIndexEntity claimed, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(claimed, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict())
        {
            return false;
        }
    }

    /// <summary>A draft or person row read together for "my team".</summary>
    private sealed record TeamRow : TableRow
    {
        public string ManagerId { get; init; } = string.Empty;
        public string PersonId { get; init; } = string.Empty;
        public string PersonName { get; init; } = string.Empty;
        public string? Organisation { get; init; }
        public string? OrganisationKind { get; init; }
        public string? ReviewId { get; init; }
        public int? Step { get; init; }
        public DateTimeOffset? StartedAt { get; init; }
        public string? LastReviewId { get; init; }
        public DateTimeOffset? LastReviewedAt { get; init; }
        public DateTimeOffset? NextReviewDue { get; init; }
        public DateTimeOffset? AcknowledgedAt { get; init; }
        public string? DueReminderFor { get; init; }
        public string? OverdueReminderFor { get; init; }

        public PersonIndexEntity ToIndex() => new()
        {
            PartitionKey = PartitionKey,
            RowKey = RowKey,
            ETag = ETag,
            ManagerId = ManagerId,
            PersonId = PersonId,
            PersonName = PersonName,
            Organisation = Organisation,
            OrganisationKind = OrganisationKind,
            LastReviewId = LastReviewId,
            LastReviewedAt = LastReviewedAt,
            NextReviewDue = NextReviewDue,
            AcknowledgedAt = AcknowledgedAt,
            DueReminderFor = DueReminderFor,
            OverdueReminderFor = OverdueReminderFor,
        };
    }
}

/// <summary>A manager's drafts and person rows, by person id.</summary>
public sealed record TeamRows(IReadOnlyDictionary<string, ReviewEntity> Drafts, IReadOnlyDictionary<string, PersonIndexEntity> People);
