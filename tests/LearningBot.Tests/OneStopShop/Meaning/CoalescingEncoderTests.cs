using LearningBot.OneStopShop.Meaning;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>Concurrent questions share model runs once every run slot is busy, and each gets its own answer.</summary>
public sealed class CoalescingEncoderTests
{
    [Fact]
    public async Task Questions_that_queue_behind_a_busy_run_share_the_next_run_and_each_gets_its_own_vector()
    {
        using var firstRunMayEnd = new ManualResetEventSlim();
        var runs = new List<IReadOnlyList<string>>();
        var encoder = new CoalescingEncoder(texts =>
        {
            lock (runs)
            {
                runs.Add(texts);
            }

            if (texts.Contains("first"))
            {
                firstRunMayEnd.Wait();
            }

            return [.. texts.Select(t => new[] { (float)t.Length })];
        }, maxRuns: 1, maxBatch: 8);

        var first = Task.Run(() => encoder.Encode("first"));
        Assert.True(await Eventually.TrueAsync(() => runs.Count == 1), "the first question never ran");
        var queued = Enumerable.Range(1, 5).Select(i => new string('q', i)).ToList();
        var waiting = queued.Select(text => Task.Run(() => encoder.Encode(text))).ToList();
        Assert.True(await Eventually.TrueAsync(() => encoder.Queued == queued.Count), "the other questions never queued");

        firstRunMayEnd.Set();
        var vectors = await Task.WhenAll(waiting);

        Assert.Equal(new[] { 5f }, await first);
        Assert.Equal(queued.Select(t => new[] { (float)t.Length }), vectors);
        Assert.Equal(2, runs.Count);
        Assert.Equal(queued.Order(), runs[1].Order());
        Assert.Equal(0, encoder.Queued);
    }

    [Fact]
    public async Task A_failed_shared_run_fails_every_question_in_it_and_frees_its_slot()
    {
        using var firstRunMayEnd = new ManualResetEventSlim();
        var started = 0;
        var encoder = new CoalescingEncoder(texts =>
        {
            if (Interlocked.Increment(ref started) == 1)
            {
                firstRunMayEnd.Wait();
                return [[1f]];
            }

            if (texts.Count > 1)
            {
                throw new InvalidOperationException("the model failed");
            }

            return [[2f]];
        }, maxRuns: 1, maxBatch: 8);

        var first = Task.Run(() => encoder.Encode("first"));
        Assert.True(await Eventually.TrueAsync(() => Volatile.Read(ref started) == 1), "the first question never ran");
        var waiting = Enumerable.Range(0, 3).Select(_ => Task.Run(() => encoder.Encode("queued"))).ToList();
        Assert.True(await Eventually.TrueAsync(() => encoder.Queued == 3), "the other questions never queued");

        firstRunMayEnd.Set();

        Assert.Equal(new[] { 1f }, await first);
        foreach (var question in waiting)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => question);
        }

        Assert.Equal(new[] { 2f }, encoder.Encode("after"));
    }
}
