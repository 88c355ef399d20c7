using LearningBot.Calendar;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.Outbox;
using LearningBot.Privacy;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.GoodPractice;

/// <summary>
/// Submitting an example and the editors' decisions on it, each written with the messages it owes as outbox rows in the
/// same transaction: the moderation card in the L&amp;D channel (posted, then updated in place) and the contributor's
/// notice in their chat. Decisions are made on the stored status only, never on what a card sent back.
/// </summary>
public sealed class GoodPracticeModeration(GoodPracticeStore store, GoodPracticeCards cards, OutboxDispatcher outbox, IOptions<GoodPracticeOptions> options, TimeProvider clock)
{
    public const string AlreadyDecided = "Another editor has already decided on this example: the card shows what they decided.";

    public int ReviewMonths => options.Value.ReviewAfterMonths;

    public Task<GoodPracticeExample?> FindAsync(string id, CancellationToken cancellationToken) => store.FindAsync(id, cancellationToken);

    /// <summary>Sends the example to the editors when <paramref name="canSubmit"/> holds for it as stored; it then owes its moderation card.</summary>
    public async Task<EntityChange<GoodPracticeExample>?> SubmitAsync(string id, Func<GoodPracticeExample, bool> canSubmit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await store.ChangeAsync(id, current => canSubmit(current)
                ? new EntityDecision<GoodPracticeExample>.Write(current with
                {
                    Status = ExampleStatus.Submitted, Submissions = current.Submissions + 1, SubmittedAt = now, Step = SharingSteps.Check,
                })
                : new EntityDecision<GoodPracticeExample>.Keep(),
            changed => [GoodPracticeModerationCard.Message(changed)], cancellationToken);
        await DeliverIfChangedAsync(change, cancellationToken);
        return change;
    }

    /// <summary>
    /// An editor's decision on the example as it is now: applied only while it awaits an editor (so a second editor on a
    /// stale card gets it as decided, and a declined example can never be approved later), owing the updated card and the
    /// contributor's notice. Null when there is no such example.
    /// </summary>
    public async Task<EntityChange<GoodPracticeExample>?> DecideAsync(
        string id, string editorKey, Func<GoodPracticeExample, GoodPracticeExample> decide, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await store.ChangeAsync(id, current => current.Status == ExampleStatus.Submitted
                ? new EntityDecision<GoodPracticeExample>.Write(decide(current) with { DecidedBy = editorKey, DecidedAt = now })
                : new EntityDecision<GoodPracticeExample>.Keep(),
            changed => [GoodPracticeModerationCard.Message(changed), OutboxMessage.CardToPerson("contributor", changed.ContributorKey, cards.Decided(changed)), .. LeadNoticeOutbox.For(changed)],
            cancellationToken);
        await DeliverIfChangedAsync(change, cancellationToken);
        return change;
    }

    /// <summary>Keep or retire an approved example whose review date has come (and was told to the editors); otherwise nothing changes.</summary>
    public async Task<EntityChange<GoodPracticeExample>?> ReviewAsync(
        string id, string editorKey, Func<GoodPracticeExample, GoodPracticeExample> decide, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await store.ChangeAsync(id, current => current.Status == ExampleStatus.Approved && current.ReviewNoticeFor is not null && current.ReviewNoticeFor == current.ReviewDue
                ? new EntityDecision<GoodPracticeExample>.Write(decide(current) with { DecidedBy = editorKey, DecidedAt = now })
                : new EntityDecision<GoodPracticeExample>.Keep(),
            changed => [GoodPracticeModerationCard.Message(changed)], cancellationToken);
        await DeliverIfChangedAsync(change, cancellationToken);
        return change;
    }

    public Func<GoodPracticeExample, GoodPracticeExample> Approve() =>
        example => example.WithEditorNote(ScrubbedText.Empty) with { Status = ExampleStatus.Approved, ApprovedAt = clock.GetUtcNow(), ReviewDue = ReviewDateFrom(clock.GetUtcNow()) };

    public static Func<GoodPracticeExample, GoodPracticeExample> RequestChanges(ScrubbedText comment) =>
        example => example.WithEditorNote(comment) with { Status = ExampleStatus.ChangesRequested, Step = SharingSteps.Check };

    public static Func<GoodPracticeExample, GoodPracticeExample> Decline(ScrubbedText reason) =>
        example => example.WithEditorNote(reason) with { Status = ExampleStatus.Declined };

    /// <summary>Kept for another period from its review date.</summary>
    public Func<GoodPracticeExample, GoodPracticeExample> KeepForAnotherPeriod() =>
        example => example with { ReviewDue = ReviewDateFrom(example.ReviewDue ?? clock.GetUtcNow()) };

    public static Func<GoodPracticeExample, GoodPracticeExample> Retire(ScrubbedText reason) =>
        example => example.WithEditorNote(reason) with { Status = ExampleStatus.Retired };

    /// <summary>
    /// The review date <see cref="GoodPracticeOptions.ReviewAfterMonths"/> after the UK day of <paramref name="from"/>,
    /// stored as midnight UTC of that day.
    /// </summary>
    private DateTimeOffset ReviewDateFrom(DateTimeOffset from)
    {
        var day = UkTime.Today(from).AddMonths(options.Value.ReviewAfterMonths);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private async Task DeliverIfChangedAsync(EntityChange<GoodPracticeExample>? change, CancellationToken cancellationToken)
    {
        if (change is { Changed: true })
        {
            await outbox.DeliverSoonAsync(GoodPracticeStore.TableName, GoodPracticeExample.Partition, cancellationToken);
        }
    }
}
