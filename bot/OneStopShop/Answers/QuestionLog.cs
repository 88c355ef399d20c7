using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Stores every question asked, how it was answered and its rating, for the gaps report; months older than
/// <c>OneStopShop:QuestionRetention:Months</c> are deleted by <see cref="QuestionRetention"/>.
/// </summary>
public sealed class QuestionLog(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "OneStopShopQuestions";

    /// <summary>The <see cref="QuestionRecord.Kind"/> of a question answered with courses from the learning directory.</summary>
    public const string DirectoryKind = "Directory";

    private const int MaxQuestionLength = 1000;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>
    /// Stores the question (already scrubbed of personal data: only a <see cref="ScrubbedText"/> is accepted) and its
    /// answer, or the signpost shown instead (<paramref name="signpostId"/>); returns the stored record.
    /// </summary>
    public async Task<QuestionRecord> RecordAsync(
        ScrubbedText question, AnswerResult answer, string? askerKey, string? conversationType, string origin, CancellationToken cancellationToken,
        string? signpostId = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        var now = clock.GetUtcNow();
        var id = QuestionRecord.NewQuestionId(now);
        var record = new QuestionRecord
        {
            PartitionKey = QuestionRecord.PartitionFor(now),
            RowKey = id,
            AskedAt = now,
            AskerKey = askerKey,
            ConversationType = conversationType,
            Origin = origin,
            Kind = signpostId is null ? answer.Kind.ToString() : QuestionRecord.SignpostedKind,
            SignpostId = signpostId,
            ArticleId = signpostId is null ? answer.Article?.Id : null,
            PersonId = signpostId is null ? answer.Person?.Person.Id : null,
            NetworkId = signpostId is null ? answer.Person?.Network?.Id : null,
            Confidence = Math.Round(answer.Confidence, 4),
        }.WithQuestion(question.Truncate(MaxQuestionLength));
        return await AddAsync(record, cancellationToken);
    }

    /// <summary>Stores a question the learning directory answered with courses (kind <see cref="DirectoryKind"/>), already scrubbed.</summary>
    public async Task<QuestionRecord> RecordCoursesAsync(
        ScrubbedText question, IReadOnlyList<string> offerIds, double confidence, string? askerKey, string? conversationType, string origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(offerIds);
        var now = clock.GetUtcNow();
        var id = QuestionRecord.NewQuestionId(now);
        var record = new QuestionRecord
        {
            PartitionKey = QuestionRecord.PartitionFor(now),
            RowKey = id,
            AskedAt = now,
            AskerKey = askerKey,
            ConversationType = conversationType,
            Origin = origin,
            Kind = DirectoryKind,
            OfferIds = string.Join(',', offerIds),
            Confidence = Math.Round(confidence, 4),
        }.WithQuestion(question.Truncate(MaxQuestionLength));
        return await AddAsync(record, cancellationToken);
    }

    private async Task<QuestionRecord> AddAsync(QuestionRecord record, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(record, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            // The id is new for every question, so this is our own add: the first attempt landed, its answer was lost, the retry found it.
        }

        return record;
    }

    public async Task<QuestionRecord?> FindAsync(string questionId, CancellationToken cancellationToken)
    {
        if (QuestionRecord.PartitionOf(questionId) is not { } partition)
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<QuestionRecord>(partition, questionId, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Records the first rating of a question. A second press (or a second person in a channel) keeps the first
    /// rating; concurrent presses are settled by the record's version, so exactly one wins. Null for an unknown question,
    /// or one removed after the retention period (<see cref="QuestionRetention"/>).
    /// </summary>
    public async Task<RatingOutcome?> RateAsync(string questionId, bool helpful, string? ratedBy, CancellationToken cancellationToken)
    {
        if (QuestionRecord.PartitionOf(questionId) is not { } partition)
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync<QuestionRecord>(partition, questionId, record => record.Helpful is not null || IsAnother(record, ratedBy)
            ? new EntityDecision<QuestionRecord>.Keep()
            : Rated(record, helpful, clock.GetUtcNow(), ratedBy),
            TableUpdateMode.Merge, cancellationToken: cancellationToken);
        return change is null ? null : new RatingOutcome(change.Entity, Recorded: change.Changed, ByAnother: IsAnother(change.Entity, ratedBy));
    }

    /// <summary>
    /// The rating says whether the answer met the asker's need, so only the asker gives it (anyone in a group chat or
    /// channel sees the buttons). Questions logged before the asker was kept take anyone's rating.
    /// </summary>
    private static bool IsAnother(QuestionRecord record, string? ratedBy) =>
        record.AskerKey is { Length: > 0 } asker && !string.Equals(asker, ratedBy, StringComparison.Ordinal);

    /// <summary>The rating written onto the question: only its three properties are sent (a merge at the question's ETag).</summary>
    private static EntityDecision<QuestionRecord>.Write Rated(QuestionRecord record, bool helpful, DateTimeOffset at, string? ratedBy)
    {
        var changes = new TableEntity(record.PartitionKey, record.RowKey)
        {
            [nameof(QuestionRecord.Helpful)] = helpful,
            [nameof(QuestionRecord.RatedAt)] = at,
        };
        if (ratedBy is not null)
        {
            changes[nameof(QuestionRecord.RatedBy)] = ratedBy;
        }

        return new(record with { Helpful = helpful, RatedAt = at, RatedBy = ratedBy }) { Changes = changes };
    }

    /// <summary>
    /// A signposted question turned out to be about learning: it becomes a NotSure question (so the gaps report lists it
    /// as unanswered) that remembers its signpost. Pressing again changes nothing. Null for an unknown question.
    /// </summary>
    public async Task<QuestionRecord?> LearningAfterAllAsync(string questionId, CancellationToken cancellationToken)
    {
        if (QuestionRecord.PartitionOf(questionId) is not { } partition)
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync<QuestionRecord>(partition, questionId, record => record.Kind != QuestionRecord.SignpostedKind
            ? new EntityDecision<QuestionRecord>.Keep()
            : new EntityDecision<QuestionRecord>.Write(record with { Kind = nameof(AnswerKind.NotSure), LearningAfterAll = true }),
            TableUpdateMode.Merge, cancellationToken: cancellationToken);
        return change?.Entity;
    }

    /// <summary>Every question asked from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    public async IAsyncEnumerable<QuestionRecord> ListAsync(
        DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        foreach (var partition in Months(from, to))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and AskedAt ge {from} and AskedAt lt {to}");
            await foreach (var record in table.QueryAsync<QuestionRecord>(filter, cancellationToken: cancellationToken))
            {
                yield return record;
            }
        }
    }

    internal static IEnumerable<string> Months(DateTimeOffset from, DateTimeOffset to)
    {
        var month = new DateTime(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        for (; month < to.UtcDateTime; month = month.AddMonths(1))
        {
            yield return QuestionRecord.PartitionFor(new DateTimeOffset(month));
        }
    }
}
