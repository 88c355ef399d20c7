using System.Diagnostics;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;

// Accuracy of the one-stop shop on every evaluation set, by words alone and by words and meaning, with each model.
// Usage: bench/accuracy.sh [models, comma-separated; default ArcticXs,MiniLM]
var root = args.Length > 0 ? args[0] : FindRepositoryRoot();
var models = args.Length > 1 ? args[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : SentenceModels.Known.ToArray();
var tests = Path.Combine(root, "tests", "LearningBot.Tests", "OneStopShop");
var realKnowledge = Path.Combine(root, "knowledge");
var fixtureKnowledge = Path.Combine(tests, "Fixtures", "knowledge");
(string Name, string Knowledge, string Questions)[] sets =
[
    ("training (questions.json)", realKnowledge, Path.Combine(tests, "questions.json")),
    ("fixtures", fixtureKnowledge, Path.Combine(tests, "Fixtures", "fixture-questions.json")),
    ("held-out", realKnowledge, Path.Combine(tests, "heldout-questions.json")),
    ("second held-out", realKnowledge, Path.Combine(tests, "Answers", "second-heldout-questions.json")),
    ("staff words", realKnowledge, Path.Combine(tests, "Answers", "staff-words-questions.json")),
];

Console.WriteLine($"{"set",-26} {"ranking",-18} {"n",4} {"oos",4} {"top-1",7} {"top-3",7} {"oos not sure",13} {"conf. wrong",12}");
var engines = new Dictionary<(string Knowledge, string Ranking), AnswerEngine>();
foreach (var (name, knowledge, questionsFile) in sets)
{
    if (!File.Exists(questionsFile))
    {
        Console.WriteLine($"{name,-26} (not present: {Path.GetRelativePath(root, questionsFile)})");
        continue;
    }

    var questions = AnswerEvaluation.LoadQuestions(questionsFile);
    foreach (var ranking in models.Prepend("words only"))
    {
        var engine = EngineFor(knowledge, ranking);
        var report = AnswerEvaluation.Run(engine, questions);
        var wrong = report.ConfidentlyWrong.Count;
        Console.WriteLine(
            $"{name,-26} {ranking,-18} {report.Answerable,4} {report.Escalations,4} {report.Top1Accuracy,7:P1} {report.Top3Accuracy,7:P1} {report.EscalationAccuracy,13:P1} {wrong,4} ({(double)wrong / questions.Count,5:P1})");
    }
}

return 0;

AnswerEngine EngineFor(string knowledge, string ranking)
{
    if (engines.TryGetValue((knowledge, ranking), out var engine))
    {
        return engine;
    }

    engine = AnswerEngine.Load(knowledge);
    if (ranking != "words only")
    {
        var load = Stopwatch.StartNew();
        var embedder = OnnxSentenceEmbedder.Load(ranking);
        var loaded = load.ElapsedMilliseconds;
        load.Restart();
        engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
        Console.Error.WriteLine($"  {ranking}: model loaded in {loaded} ms, {engine.Knowledge.Count} articles embedded in {load.ElapsedMilliseconds} ms");
    }

    return engines[(knowledge, ranking)] = engine;
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
