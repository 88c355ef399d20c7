using System.Diagnostics;
using AnswerBench;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;

// Answer latency of the one-stop shop, in process: over the real knowledge base with its evaluation
// questions (or the test fixtures while the real set is absent), and over a generated 5,000-article base.
var root = args.Length > 0 ? args[0] : FindRepositoryRoot();
var answers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;

// Each hybrid answer embeds its question (milliseconds, not microseconds), so fewer are timed.
var hybridAnswers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
var model = args.Length > 3 ? args[3] : new HybridOptions().Model;
var realKnowledge = Path.Combine(root, "knowledge");
var realQuestions = Path.Combine(root, "tests", "LearningBot.Tests", "OneStopShop", "questions.json");
var synonyms = SynonymTable.Load(Path.Combine(realKnowledge, KnowledgeLoader.SynonymsFile));

KnowledgeBase knowledgeBase;
string questionsFile;
string label;
if (Directory.Exists(Path.Combine(realKnowledge, KnowledgeLoader.ArticlesFolder)) && File.Exists(realQuestions))
{
    knowledgeBase = KnowledgeLoader.Load(realKnowledge);
    questionsFile = realQuestions;
    label = "real knowledge base";
}
else
{
    var fixtures = Path.Combine(root, "tests", "LearningBot.Tests", "OneStopShop", "Fixtures");
    knowledgeBase = new KnowledgeBase(
        KnowledgeLoader.LoadArticles(Path.Combine(fixtures, "knowledge", KnowledgeLoader.ArticlesFolder)),
        KnowledgeLoader.LoadWhosWho(Path.Combine(fixtures, "knowledge", KnowledgeLoader.WhosWhoFile)),
        synonyms);
    questionsFile = Path.Combine(fixtures, "fixture-questions.json");
    label = "fixture knowledge base (real one not present yet)";
}

var options = new AnswerOptions();
var engine = AnswerEngine.FromKnowledgeBase(knowledgeBase, options);
var evaluation = AnswerEvaluation.LoadQuestions(questionsFile);
Console.WriteLine($"{label}: {knowledgeBase.Articles.Count} articles, {knowledgeBase.WhosWho.People.Count} people, {evaluation.Count} questions");
var report = AnswerEvaluation.Run(engine, evaluation);
Console.WriteLine($"  top-1 {report.Top1Accuracy:P1}  top-3 {report.Top3Accuracy:P1}  escalations not sure {report.EscalationAccuracy:P1}  answerable wrongly not sure {report.WronglyNotSure:P1}  confidently wrong {report.ConfidentlyWrong.Count}");
var escalationConfidences = report.Outcomes.Where(o => o.Question.IsEscalation).Select(o => o.Answer.Confidence).DefaultIfEmpty(0);
Console.WriteLine($"  threshold {options.ConfidenceThreshold:F2}; highest confidence on an escalate-question {escalationConfidences.Max():F3}");
if (Environment.GetEnvironmentVariable("ANSWER_BENCH_MISSES") == "1")
{
    foreach (var miss in report.Outcomes.Where(o => !o.Top1))
    {
        var a = miss.Answer;
        var given = a.Kind switch { AnswerKind.Article => a.Article!.Id, AnswerKind.Person => a.Person!.Person.Id, _ => "not sure" };
        var expected = miss.Question.IsPerson ? miss.Question.ExpectedPerson : string.Join('|', miss.Question.Expected ?? []);
        Console.WriteLine($"    MISS {a.Confidence:F2} '{miss.Question.Question}' -> {given} (expected {expected}; top {string.Join(',', a.Suggestions.Select(h => h.Article.Id))})");
    }
}

if (Environment.GetEnvironmentVariable("ANSWER_BENCH_FEATURES") is { Length: > 0 } featuresFile)
{
    // Ranking evidence per question, for calibrating the confidence model.
    using var writer = new StreamWriter(featuresFile);
    writer.WriteLine("kind,rank1_right,top3_right,coverage,margin,field,evidence,title_evidence,confidence,person_conf,person_right");
    foreach (var outcome in report.Outcomes)
    {
        var q = outcome.Question;
        var search = engine.Knowledge.Search(q.Question);
        var expected = q.Expected ?? [];
        var rank1 = search.Best is { } best && expected.Contains(best.Article.Id);
        var people = engine.Directory.Match(q.Question);
        var personRight = people.Count > 0 && people[0].Person.Id == q.ExpectedPerson;
        writer.WriteLine(string.Join(',', q.Kind ?? "article", rank1 ? 1 : 0, outcome.Top3 ? 1 : 0, search.Coverage, search.Margin, search.FieldMatch, search.Evidence, search.TitleEvidence, search.Confidence, people.Count > 0 ? people[0].Confidence : 0, personRight ? 1 : 0));
    }
}

Console.WriteLine(LatencyProbe.Measure("  evaluation questions", engine, [.. evaluation.Select(q => q.Question)], answers));
var modelLoad = Stopwatch.StartNew();
var embedder = LoadModel(model);
Console.WriteLine($"{model}: model loaded in {modelLoad.ElapsedMilliseconds} ms");
var hybrid = AnswerEngine.FromKnowledgeBase(knowledgeBase, options);
var embedding = Stopwatch.StartNew();
hybrid.Semantic.EmbedAll(embedder, hybrid.Knowledge.Articles);
Console.WriteLine($"  {hybrid.Knowledge.Count} articles embedded in {embedding.ElapsedMilliseconds} ms");
Console.WriteLine(LatencyProbe.Measure($"  evaluation questions, hybrid ({model})", hybrid, [.. evaluation.Select(q => q.Question)], hybridAnswers));
Console.WriteLine(LatencyProbe.MeasureEmbedding($"  question embedding alone ({model})", embedder, [.. evaluation.Select(q => q.Question)], hybridAnswers));
if (Environment.GetEnvironmentVariable("ANSWER_BENCH_REAL_ONLY") == "1" || model.Contains('+', StringComparison.Ordinal))
{
    // Two models (first+second@share, PairEmbedder) are timed on the real base alone.
    return 0;
}

var generator = new GeneratedKnowledge(knowledgeBase.Articles, synonyms, seed: 20261122);
var generated = generator.Articles(5_000);
var build = Stopwatch.StartNew();
var large = AnswerEngine.FromKnowledgeBase(new KnowledgeBase(generated, knowledgeBase.WhosWho, synonyms), options);
build.Stop();
var words = generated.Sum(a => a.Body.Split(' ').Length);
Console.WriteLine($"generated knowledge base: {generated.Count} articles, ~{words / generated.Count} body words each, built in {build.ElapsedMilliseconds} ms");
var questions = generator.Questions(generated, 2_000);
Console.WriteLine(LatencyProbe.Measure("  generated questions", large, questions, answers));
var answered = questions.Count(q => large.Answer(q).Kind != AnswerKind.NotSure);
Console.WriteLine($"  answered (not 'not sure'): {answered * 100.0 / questions.Count:F1} % of generated questions");
var largeHybrid = AnswerEngine.FromKnowledgeBase(new KnowledgeBase(generated, knowledgeBase.WhosWho, synonyms), options);
GeneratedEmbeddings.Attach(largeHybrid, embedder, generated, Path.Combine(root, "bench", "AnswerBench", "obj", $"generated-{generated.Count}-{model}.vectors"));
Console.WriteLine(LatencyProbe.Measure($"  generated questions, hybrid ({model})", largeHybrid, questions, hybridAnswers));

var upserts = new List<double>();
for (var i = 0; i < 20; i++)
{
    var article = generated[i] with { Title = $"Updated guidance {i} on rota planning", Body = generated[i].Body + " Revised." };
    var start = Stopwatch.GetTimestamp();
    large.Upsert(article);
    upserts.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}

upserts.Sort();
Console.WriteLine($"  upsert on 5,000 articles: median {upserts[upserts.Count / 2]:F1} ms, max {upserts[^1]:F1} ms");
return 0;

// A model the bot loads, MiniLM-8bit, or two of them as "first+second@share" (the first model's share of the similarity).
static ISentenceEmbedder LoadModel(string name)
{
    if (name.Contains('+', StringComparison.Ordinal))
    {
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var names = (at < 0 ? name : name[..at]).Split('+');
        var share = at < 0 ? 0.5 : double.Parse(name[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return new PairEmbedder(name, LoadModel(names[0]), LoadModel(names[1]), share);
    }

    return name == PairEmbedder.MiniLMEightBitName ? PairEmbedder.MiniLMEightBit() : OnnxSentenceEmbedder.Load(name);
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
