using System.Diagnostics;
using LearningBot.OneStopShop.Knowledge;

namespace AnswerBench;

/// <summary>Latency and allocation figures for answering a list of questions many times.</summary>
internal sealed record LatencyReport(string Name, int Answers, double P50Microseconds, double P99Microseconds, double MeanMicroseconds, double MaxMicroseconds, double BytesPerAnswer)
{
    public override string ToString() =>
        $"{Name}: {Answers} answers  p50 {P50Microseconds:F1} µs  p99 {P99Microseconds:F1} µs  mean {MeanMicroseconds:F1} µs  max {MaxMicroseconds:F1} µs  allocated {BytesPerAnswer:F0} B/answer";
}

internal static class LatencyProbe
{
    private static LatencyReport Measure(string name, Action<string> answer, IReadOnlyList<string> questions, int answers)
    {
        // Warm up so the JIT has tiered up the answer path before timing.
        for (var i = 0; i < Math.Min(answers, 5_000); i++)
        {
            answer(questions[i % questions.Count]);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var timings = new double[answers];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < answers; i++)
        {
            var start = Stopwatch.GetTimestamp();
            answer(questions[i % questions.Count]);
            timings[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(timings);
        return new LatencyReport(
            name,
            answers,
            Percentile(timings, 0.50),
            Percentile(timings, 0.99),
            timings.Average(),
            timings[^1],
            (double)allocated / answers);
    }

    /// <summary>The model's share of a hybrid answer: embedding the question, nothing else.</summary>
    public static LatencyReport MeasureEmbedding(string name, ISentenceEmbedder embedder, IReadOnlyList<string> questions, int answers) =>
        Measure(name, question => embedder.EmbedQuestion(question), questions, answers);

    public static LatencyReport Measure(string name, AnswerEngine engine, IReadOnlyList<string> questions, int answers) =>
        Measure(name, question => engine.Answer(question), questions, answers);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
