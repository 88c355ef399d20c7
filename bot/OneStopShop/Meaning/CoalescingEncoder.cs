using System.Runtime.ExceptionServices;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// Lets concurrent questions share model runs. Up to <c>maxRuns</c> runs go at once, each question alone with no wait;
/// a question that arrives while they are all busy queues, and when a run ends its slot passes to the longest-waiting
/// question, which runs every queued question (up to <c>maxBatch</c>) together on its own thread. A run reads all of the
/// model's weights from memory whatever its length, about 40% of a lone question's cost, so a run of several costs far
/// less than their runs one by one, and a busy bot does less work per question instead of more.
/// </summary>
public sealed class CoalescingEncoder(Func<IReadOnlyList<string>, float[][]> run, int maxRuns, int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _queue = new();
    private int _running;

    /// <summary>Questions waiting for a run.</summary>
    internal int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public float[] Encode(string text)
    {
        Waiting? waiting = null;
        lock (_gate)
        {
            if (_running < maxRuns)
            {
                _running++;
            }
            else
            {
                waiting = new Waiting(text);
                _queue.Enqueue(waiting);
            }
        }

        if (waiting is null)
        {
            try
            {
                return run([text])[0];
            }
            finally
            {
                PassOn();
            }
        }

        waiting.Done.Wait();
        if (waiting.Batch is { } batch)
        {
            try
            {
                RunTogether(batch);
            }
            finally
            {
                PassOn();
            }
        }

        if (waiting.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        return waiting.Vector!;
    }

    /// <summary>Gives the ending run's slot to the queued questions, or frees it when none wait.</summary>
    private void PassOn()
    {
        List<Waiting> batch;
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _running--;
                return;
            }

            batch = new List<Waiting>(Math.Min(_queue.Count, maxBatch));
            while (batch.Count < maxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }
        }

        batch[0].Batch = batch;
        batch[0].Done.Set();
    }

    /// <summary>Runs on the thread of the batch's first question, which hands the others their vectors.</summary>
    private void RunTogether(List<Waiting> batch)
    {
        try
        {
            var vectors = run([.. batch.Select(w => w.Text)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Vector = vectors[i];
            }
        }
        catch (Exception error)
        {
            foreach (var waiting in batch)
            {
                waiting.Error = error;
            }
        }

        foreach (var waiting in batch.Skip(1))
        {
            waiting.Done.Set();
        }
    }

    /// <summary>Its event is never disposed: it holds no kernel handle unless one is asked for, and the thread that sets
    /// it may still be inside Set when the waiting one returns.</summary>
    private sealed class Waiting(string text)
    {
        public string Text { get; } = text;

        /// <summary>No spinning: a wait is a model run long, and spinning would take a core from the run.</summary>
        public ManualResetEventSlim Done { get; } = new(false, spinCount: 0);

        /// <summary>Set on the first waiting question only: the questions it is to run.</summary>
        public List<Waiting>? Batch { get; set; }

        public float[]? Vector { get; set; }

        public Exception? Error { get; set; }
    }
}
