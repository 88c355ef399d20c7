using System.Diagnostics;
using System.Globalization;
using LearningBot.OneStopShop.Knowledge;

/// <summary>
/// A learned query adapter (<see cref="QueryAdapter"/>) judged by five-fold cross-validation on the two training sets only
/// (questions.json and staff-words-training.json; never a held-out set). Folds are by question, each set's answerable and
/// out-of-scope questions spread evenly. For each setting, an adapter is fitted on four folds' answerable questions
/// and the fifth is answered with it: ranked first by meaning alone, ranked first by the engine as configured, and
/// answered right or confidently wrong at a threshold refitted on the four folds (0.05 above their most confident
/// out-of-scope question of questions.json, the rule the shipped threshold was set by). The "none" row is the engine as
/// it is, judged the same way.
/// </summary>
internal static class AdapterCrossValidation
{
    private const int Folds = 5;

    private static readonly float MeaningWeight = (float)(1 - new HybridOptions().LexicalWeight);

    private static readonly double[] LexicalWeights = [0.05, 0.1, 0.2];

    private static readonly double[] Floors = [.. Enumerable.Range(2, 13).Select(i => Math.Round(i * 0.05, 2))];

    /// <summary>
    /// Each form (diagonal, rank 8, 16 and 32, full) at L2 0.001, 0.01 and 0.1 and temperature 0.02 and 0.05, all ranked
    /// by similarity alone; then rank 16 and full with the blended loss.
    /// </summary>
    public static IReadOnlyList<AdapterSettings> DefaultGrid { get; } =
    [
        .. from form in new[] { (AdapterShape.Diagonal, 0), (AdapterShape.LowRank, 8), (AdapterShape.LowRank, 16), (AdapterShape.LowRank, 32), (AdapterShape.Full, 0) }
           from l2 in new[] { 0.001, 0.01, 0.1 }
           from temperature in new[] { 0.02, 0.05 }
           select new AdapterSettings(form.Item1, form.Item2, l2, temperature),
        .. from form in new[] { (AdapterShape.LowRank, 16), (AdapterShape.Full, 0) }
           from l2 in new[] { 0.01, 0.1 }
           select new AdapterSettings(form.Item1, form.Item2, l2, 0.02, Blended: true),
    ];

    public static void Run(ISentenceEmbedder embedder, string knowledgeFolder, string testsFolder, IReadOnlyList<AdapterSettings> grid, bool oneFold)
    {
        var knowledge = KnowledgeLoader.Load(knowledgeFolder);
        var hybrid = new HybridOptions();
        var articles = new ArticleVectors(embedder, knowledge.Articles, (float)hybrid.PassageShare, (float)hybrid.PhrasingShare);
        var baselineWrong = new int[Folds];
        var slot = articles.Ids.Select((id, k) => (id, k)).ToDictionary(p => p.id, p => p.k, StringComparer.Ordinal);
        var asShipped = AnswerEngine.FromKnowledgeBase(knowledge, new AnswerOptions { Hybrid = hybrid });
        asShipped.Semantic.EmbedAll(embedder, asShipped.Knowledge.Articles);
        var questions = new List<Item>();
        foreach (var (set, file) in new[] { ("questions", "questions.json"), ("staff", "staff-words-training.json") })
        {
            var random = new Random(7);
            var loaded = AnswerEvaluation.LoadQuestions(Path.Combine(testsFolder, file)).Where(q => !q.IsPerson).ToList();
            foreach (var group in loaded.GroupBy(q => q.IsEscalation))
            {
                var shuffled = group.ToArray();
                random.Shuffle(shuffled);
                questions.AddRange(shuffled.Select((q, i) => new Item(
                    set, q, [.. (q.Expected ?? []).Where(slot.ContainsKey).Select(id => slot[id])], embedder.EmbedQuestion(q.Question), i % Folds,
                    Words(q.Question), asShipped.Answer(q.Question).Signals is null)));
            }
        }

        Console.WriteLine($"{questions.Count} training questions ({questions.Count(q => !q.Question.IsEscalation)} answerable), {articles.Count} articles, {articles.Texts} texts; {Folds} folds{(oneFold ? " (the first only)" : string.Empty)}");
        var sample = Examples(questions.Take(60), null);
        var blendedSample = Examples(questions.Take(60), new AdapterSettings(AdapterShape.Full, 0, 0, 0, Blended: true));
        Console.WriteLine("gradient against central differences, largest relative difference: " + string.Join(", ", new[]
        {
            ("diagonal", QueryAdapterFit.GradientCheck(articles, sample, AdapterShape.Diagonal, 0, MeaningWeight)),
            ("rank 8", QueryAdapterFit.GradientCheck(articles, sample, AdapterShape.LowRank, 8, MeaningWeight)),
            ("full", QueryAdapterFit.GradientCheck(articles, sample, AdapterShape.Full, 0, MeaningWeight)),
            ("full, blended", QueryAdapterFit.GradientCheck(articles, blendedSample, AdapterShape.Full, 0, MeaningWeight)),
        }.Select(c => $"{c.Item1} {c.Item2:E1}")));
        Console.WriteLine("Ranked 1st: answerable questions whose best-ranked article is right, by meaning alone and by the engine (lexical weight 0.1");
        Console.WriteLine("as configured; also 0.05 and 0.2, both sets). Then top-1, confidently wrong (of all questions) and out of scope \"not sure\":");
        Console.WriteLine("at the shipped floor 0.6 and threshold 0.147, and with floor and threshold refitted on the training folds.");
        Console.WriteLine($"{"adapter",-40} {"fit s",6} {"|A|",5} {"loss",6} {"sim",5} | {"meaning ranked 1st",23} | {"engine ranked 1st",23} | {"0.05",6} {"0.2",6} | {"shipped: top-1 / wrong / oos",30} | {"refitted: top-1 / wrong / oos",30} {"floor",5} {"thresh",6}");
        Console.WriteLine($"{"",-40} {"",6} {"",5} {"",6} {"",5} | {"questions staff   both",23} | {"questions staff   both",23} |");
        Report("none", Evaluate(null));
        foreach (var settings in grid)
        {
            Report(settings.ToString(), Evaluate(settings));
        }

        // The words' share of each article's blended score for a question, as the engine adds it (relative to the words' best).
        float[] Words(string question)
        {
            var words = new float[articles.Count];
            var search = asShipped.Knowledge.Search(question, Math.Max(new AnswerOptions().SuggestionCount, hybrid.LexicalCandidates));
            foreach (var hit in search.Hits)
            {
                words[slot[hit.Article.Id]] = (float)(hybrid.LexicalWeight * hit.Score / search.Hits[0].Score);
            }

            return words;
        }

        static List<AdapterExample> Examples(IEnumerable<Item> items, AdapterSettings? settings) =>
            [.. items.Where(q => !q.Question.IsEscalation && q.Right.Length > 0 && !(settings?.Blended == true && q.WordsDecide))
                .Select(q => new AdapterExample(q.Vector, q.Right, settings?.Blended == true ? q.Words : null))];

        Result Evaluate(AdapterSettings? settings)
        {
            var outcomes = new List<Outcome>();
            var seconds = 0.0;
            var norms = new List<double>();
            var losses = new List<double>();
            foreach (var fold in Enumerable.Range(0, oneFold ? 1 : Folds))
            {
                var train = questions.Where(q => q.Fold != fold).ToList();
                var test = questions.Where(q => q.Fold == fold).ToList();
                var examples = Examples(train, settings);
                var clock = Stopwatch.StartNew();
                var adapter = settings is null ? null : QueryAdapterFit.Fit(articles, examples, settings, MeaningWeight);
                seconds += clock.Elapsed.TotalSeconds;
                if (adapter is not null)
                {
                    norms.Add(adapter.Norm());
                    losses.Add(QueryAdapterFit.Loss(adapter, articles, Examples(test, settings), settings!.Temperature, MeaningWeight));
                }

                var questionEmbedder = adapter is null ? embedder : new AdaptedEmbedder(embedder, adapter);
                Dictionary<Item, Answered> AnswerAll(HybridOptions options, IEnumerable<Item> items)
                {
                    var engine = AnswerEngine.FromKnowledgeBase(knowledge, new AnswerOptions { Hybrid = options with { ConfidenceThreshold = 0 } });
                    engine.Semantic.EmbedAll(questionEmbedder, engine.Knowledge.Articles);
                    return items.ToDictionary(q => q, q => Answered.Of(q, engine.Answer(q.Question.Question)));
                }

                // The ranking at three lexical weights (the configured one in the middle): no threshold is involved.
                var rankings = LexicalWeights.Select(w => AnswerAll(hybrid with { LexicalWeight = w }, test)).ToList();

                // The confidence's similarity floor (ceiling 0.3 above it) and threshold, chosen on the four training folds:
                // for each floor, the threshold is 0.05 above their most confident out-of-scope question of questions.json;
                // the floor taken answers the most of their questions right with no more confident mistakes among them than
                // the engine as it is makes at the configured floor (then the fewest mistakes).
                var fits = Floors.Select(floor =>
                {
                    var answers = AnswerAll(hybrid with { SimilarityFloor = floor, SimilarityCeiling = Math.Min(1, floor + 0.3) }, questions);
                    var threshold = Math.Round(train.Where(q => q.Set == "questions" && q.Question.IsEscalation).Max(q => answers[q].Confidence) + 0.05, 3);
                    var right = train.Count(q => answers[q].Right && answers[q].Confidence >= threshold);
                    var wrong = train.Count(q => !answers[q].Right && answers[q].Confidence >= threshold);
                    return (Floor: floor, Threshold: threshold, Right: right, Wrong: wrong, Answers: answers);
                }).ToList();
                if (settings is null)
                {
                    baselineWrong[fold] = fits.Single(f => f.Floor == hybrid.SimilarityFloor).Wrong;
                }

                var best = fits.Where(f => f.Wrong <= baselineWrong[fold]).OrderByDescending(f => f.Right).ThenBy(f => f.Wrong)
                    .Concat(fits.OrderBy(f => f.Wrong)).First();

                var meaningVectors = test.Select(q => adapter is null ? q.Vector : adapter.Apply(q.Vector)).ToList();
                for (var i = 0; i < test.Count; i++)
                {
                    var q = test[i];
                    var meaning = articles.Ids[articles.Best(meaningVectors[i])];
                    var shipped = rankings[1][q];
                    var refitted = best.Answers[q];
                    outcomes.Add(new Outcome(
                        q, !q.Question.IsEscalation && (q.Question.Expected ?? []).Contains(meaning), [.. rankings.Select(r => r[q].Right)],
                        shipped.Confidence, refitted.Confidence, best.Threshold, best.Floor, shipped.Similarity));
                }
            }

            return new Result(outcomes, seconds, norms.Count == 0 ? 0 : norms.Average(), losses.Count == 0 ? double.NaN : losses.Average());
        }
    }

    private static void Report(string name, Result result)
    {
        var o = result.Outcomes;
        var answerable = o.Where(x => !x.Item.Question.IsEscalation).ToList();
        var outOfScope = o.Where(x => x.Item.Question.IsEscalation).ToList();
        string Shares(Func<Outcome, bool> right) =>
            $"{Share(answerable.Where(x => x.Item.Set == "questions"), right),7:P1} {Share(answerable.Where(x => x.Item.Set == "staff"), right),7:P1} {Share(answerable, right),7:P1}";
        string AtThreshold(Func<Outcome, double> confidence, Func<Outcome, double> threshold)
        {
            var top1 = Share(answerable, x => x.EngineRight[1] && confidence(x) >= threshold(x));
            var wrong = o.Count(x => !x.EngineRight[1] && confidence(x) >= threshold(x));
            var notSure = Share(outOfScope, x => confidence(x) < threshold(x));
            return $"{top1,7:P1} {wrong,4} ({(double)wrong / o.Count,5:P1}) {notSure,7:P1}";
        }

        var similarities = answerable.Select(x => x.Similarity).Where(x => !double.IsNaN(x)).ToList();
        Console.WriteLine(
            $"{name,-40} {result.Seconds,6:F1} {result.Norm,5:F2} {result.Loss,6:F3} {(similarities.Count == 0 ? 0 : similarities.Average()),5:F3} | {Shares(x => x.MeaningRight)} | {Shares(x => x.EngineRight[1])} | " +
            $"{Share(answerable, x => x.EngineRight[0]),6:P1} {Share(answerable, x => x.EngineRight[2]),6:P1} | {AtThreshold(x => x.Shipped, _ => 0.147)} | " +
            $"{AtThreshold(x => x.Refitted, x => x.Threshold)} {o.Select(x => x.Floor).Distinct().Average(),5:F2} {o.Select(x => x.Threshold).Distinct().Average(),6:F3}");
    }

    private static double Share<T>(IEnumerable<T> items, Func<T, bool> predicate)
    {
        var list = items.ToList();
        return list.Count == 0 ? 0 : (double)list.Count(predicate) / list.Count;
    }

    /// <summary>The grid given as shape:rank:l2:temperature[:steps[:rate[:blended]]] settings separated by commas (e.g. lowrank:16:0.01:0.05).</summary>
    public static List<AdapterSettings> ParseGrid(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part =>
    {
        var p = part.Split(':');
        var shape = Enum.Parse<AdapterShape>(p[0], ignoreCase: true);
        double At(int i, double fallback) => p.Length > i ? double.Parse(p[i], CultureInfo.InvariantCulture) : fallback;
        return new AdapterSettings(shape, (int)At(1, 0), At(2, 0.01), At(3, 0.05), (int)At(4, 200), At(5, 0.005), p.Length > 6 && p[6] == "blended");
    })];

    /// <summary>A training question: its set, right articles' slots, vector, fold, words' shares, and whether the words alone answer it.</summary>
    private sealed record Item(string Set, EvaluationQuestion Question, int[] Right, float[] Vector, int Fold, float[] Words, bool WordsDecide);

    /// <summary>
    /// A test question's outcome: ranked right by meaning alone; ranked right by the engine at each of <see cref="LexicalWeights"/>;
    /// its confidence as configured and with the floor refitted; the refitted floor and threshold; the best article's similarity.
    /// </summary>
    private sealed record Outcome(Item Item, bool MeaningRight, bool[] EngineRight, double Shipped, double Refitted, double Threshold, double Floor, double Similarity);

    /// <summary>
    /// One answer with a threshold of 0: whether the first article is right, and the confidence an article answer has (none
    /// when "not sure", every one when a person is named instead).
    /// </summary>
    private sealed record Answered(bool Right, double Confidence, double Similarity)
    {
        public static Answered Of(Item q, AnswerResult answer) => new(
            !q.Question.IsEscalation && answer.Kind != AnswerKind.Person && answer.Suggestions.Count > 0 && (q.Question.Expected ?? []).Contains(answer.Suggestions[0].Article.Id),
            answer.Kind switch { AnswerKind.NotSure => double.NegativeInfinity, AnswerKind.Person => double.PositiveInfinity, _ => answer.Confidence },
            answer.Signals?.Similarity ?? double.NaN);
    }

    private sealed record Result(List<Outcome> Outcomes, double Seconds, double Norm, double Loss);
}
