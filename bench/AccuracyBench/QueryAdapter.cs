using System.Numerics;
using LearningBot.OneStopShop.Knowledge;

/// <summary>The form of a query adapter's map A: a weight per dimension, a product of two thin matrices, or a whole matrix.</summary>
internal enum AdapterShape
{
    Diagonal,
    LowRank,
    Full,
}

/// <summary>
/// A learned map of the question's meaning before it is compared: q' = normalise(q + A·q), A zero to begin with (so the
/// adapter starts as the model as it is). Only the question moves: the articles' vectors are the model's own.
/// </summary>
internal sealed class QueryAdapter
{
    public QueryAdapter(AdapterShape shape, int dimensions, int rank, float[] parameters)
    {
        Shape = shape;
        Dimensions = dimensions;
        Rank = rank;
        Parameters = parameters;
        if (parameters.Length != Count(shape, dimensions, rank))
        {
            throw new ArgumentException("The parameters do not fit the shape.", nameof(parameters));
        }
    }

    public AdapterShape Shape { get; }

    public int Dimensions { get; }

    /// <summary>The inner dimension of a low-rank map (A = U·Vᵀ); 0 otherwise.</summary>
    public int Rank { get; }

    /// <summary>Diagonal: A's diagonal. Low rank: U then V, each row-major (dimensions × rank). Full: A row-major.</summary>
    public float[] Parameters { get; }

    public static int Count(AdapterShape shape, int dimensions, int rank) => shape switch
    {
        AdapterShape.Diagonal => dimensions,
        AdapterShape.LowRank => 2 * dimensions * rank,
        _ => dimensions * dimensions,
    };

    public float[] Apply(float[] question)
    {
        var u = new float[Dimensions];
        Apply(question, u, new float[Math.Max(1, Rank)]);
        var length = MathF.Sqrt(Dot(u, u));
        for (var i = 0; i < u.Length; i++)
        {
            u[i] /= length;
        }

        return u;
    }

    /// <summary>u = q + A·q, not normalised; <paramref name="inner"/> receives Vᵀ·q for a low-rank map.</summary>
    internal void Apply(ReadOnlySpan<float> q, Span<float> u, Span<float> inner)
    {
        var d = Dimensions;
        var p = Parameters;
        switch (Shape)
        {
            case AdapterShape.Diagonal:
                for (var i = 0; i < d; i++)
                {
                    u[i] = q[i] + (p[i] * q[i]);
                }

                break;
            case AdapterShape.LowRank:
                var r = Rank;
                var v = p.AsSpan(d * r);
                inner[..r].Clear();
                for (var i = 0; i < d; i++)
                {
                    for (var j = 0; j < r; j++)
                    {
                        inner[j] += v[(i * r) + j] * q[i];
                    }
                }

                for (var i = 0; i < d; i++)
                {
                    u[i] = q[i] + Dot(p.AsSpan(i * r, r), inner[..r]);
                }

                break;
            default:
                for (var i = 0; i < d; i++)
                {
                    u[i] = q[i] + Dot(p.AsSpan(i * d, d), q);
                }

                break;
        }
    }

    /// <summary>The adapter's size: A's Frobenius norm (for a low-rank map, of U·Vᵀ).</summary>
    public double Norm()
    {
        var d = Dimensions;
        if (Shape != AdapterShape.LowRank)
        {
            return Math.Sqrt(Parameters.Sum(x => (double)x * x));
        }

        var total = 0.0;
        var row = new float[d];
        for (var i = 0; i < d; i++)
        {
            for (var k = 0; k < d; k++)
            {
                row[k] = Dot(Parameters.AsSpan(i * Rank, Rank), Parameters.AsSpan((d * Rank) + (k * Rank), Rank));
            }

            total += Dot(row, row);
        }

        return Math.Sqrt(total);
    }

    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    /// <summary>target += scale × source.</summary>
    internal static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        var factor = new Vector<float>(scale);
        var i = 0;
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(target[i..]) + (factor * new Vector<float>(source[i..]))).CopyTo(target[i..]);
        }

        for (; i < target.Length; i++)
        {
            target[i] += scale * source[i];
        }
    }
}

/// <summary>
/// Every article text's vector end to end (per article: head, passages, phrasings, as <see cref="ArticleMeaning.TextsOf"/>
/// lists them), and the article similarity the engine ranks by: the head raised by a share of its closest passage, then by
/// a share of its closest phrasing.
/// </summary>
internal sealed class ArticleVectors
{
    private readonly int[] _start;
    private readonly int[] _phrasings;
    private readonly int[] _end;

    public ArticleVectors(ISentenceEmbedder embedder, IReadOnlyList<KnowledgeArticle> articles, float passageShare, float phrasingShare)
    {
        Ids = [.. articles.Select(a => a.Id)];
        PassageShare = passageShare;
        PhrasingShare = phrasingShare;
        var vectors = new List<float[]>();
        _start = new int[articles.Count];
        _phrasings = new int[articles.Count];
        _end = new int[articles.Count];
        for (var k = 0; k < articles.Count; k++)
        {
            var texts = ArticleMeaning.TextsOf(articles[k]);
            _start[k] = vectors.Count;
            vectors.AddRange(embedder.EmbedArticles(texts));
            _end[k] = vectors.Count;
            _phrasings[k] = _end[k] - ArticleMeaning.PhrasingsOf(articles[k]).Count;
        }

        Dimensions = vectors[0].Length;
        Texts = vectors.Count;
        Flat = [.. vectors.SelectMany(v => v)];
    }

    public string[] Ids { get; }

    public int Dimensions { get; }

    public int Texts { get; }

    public float[] Flat { get; }

    public float PassageShare { get; }

    public float PhrasingShare { get; }

    public int Count => Ids.Length;

    public ReadOnlySpan<float> Text(int t) => Flat.AsSpan(t * Dimensions, Dimensions);

    /// <summary>The question's similarity to every text.</summary>
    public void TextSimilarities(ReadOnlySpan<float> question, Span<float> similarities)
    {
        for (var t = 0; t < Texts; t++)
        {
            similarities[t] = QueryAdapter.Dot(question, Text(t));
        }
    }

    /// <summary>
    /// Article <paramref name="k"/>'s similarity from its texts' similarities, with how it moves with each text's: at most
    /// three texts count (the head, the closest passage, the closest phrasing), each with its weight.
    /// </summary>
    public float Similarity(int k, ReadOnlySpan<float> s, Span<(int Text, float Weight)> route)
    {
        var head = _start[k];
        var passage = -1;
        for (var t = head + 1; t < _phrasings[k]; t++)
        {
            passage = passage < 0 || s[t] > s[passage] ? t : passage;
        }

        var phrasing = -1;
        for (var t = _phrasings[k]; t < _end[k]; t++)
        {
            phrasing = phrasing < 0 || s[t] > s[phrasing] ? t : phrasing;
        }

        // Each part's weight in the lifted similarity, as SemanticIndex.Lifted raises it.
        var lifted = s[head];
        float wHead = 1, wPassage = 0, wPhrasing = 0;
        if (PassageShare > 0 && passage >= 0 && s[passage] > lifted)
        {
            lifted += PassageShare * (s[passage] - lifted);
            wHead = 1 - PassageShare;
            wPassage = PassageShare;
        }

        if (PhrasingShare > 0 && phrasing >= 0 && s[phrasing] > lifted)
        {
            lifted += PhrasingShare * (s[phrasing] - lifted);
            wHead *= 1 - PhrasingShare;
            wPassage *= 1 - PhrasingShare;
            wPhrasing = PhrasingShare;
        }

        route[0] = (head, wHead);
        route[1] = (passage, wPassage);
        route[2] = (phrasing, wPhrasing);
        return lifted;
    }

    /// <summary>The best-ranked article for a question vector (by similarity alone).</summary>
    public int Best(ReadOnlySpan<float> question)
    {
        var s = new float[Texts];
        TextSimilarities(question, s);
        Span<(int, float)> route = stackalloc (int, float)[3];
        var best = 0;
        var bestSimilarity = float.MinValue;
        for (var k = 0; k < Count; k++)
        {
            var similarity = Similarity(k, s, route);
            if (similarity > bestSimilarity)
            {
                (best, bestSimilarity) = (k, similarity);
            }
        }

        return best;
    }
}

/// <summary>How an adapter is fitted: its form, L2 weight toward 0, softmax temperature, and Adam's steps and rate.</summary>
/// <param name="Blended">Whether the loss ranks by the engine's blended score (the question's words' share fixed) rather
/// than by similarity alone; the questions the words alone decide are then left out, as they are never embedded.</param>
internal sealed record AdapterSettings(AdapterShape Shape, int Rank, double L2, double Temperature, int Steps = 200, double Rate = 0.005, bool Blended = false)
{
    public override string ToString() =>
        $"{(Shape == AdapterShape.LowRank ? $"rank {Rank}" : Shape.ToString().ToLowerInvariant())}, L2 {L2:G3}, T {Temperature:G3}, {Steps} steps{(Blended ? ", blended" : string.Empty)}";
}

/// <summary>
/// A training question: its vector, its right articles (slots of <see cref="ArticleVectors"/>), and for a blended loss
/// the words' share of each article's blended score (null for similarity alone).
/// </summary>
internal sealed record AdapterExample(float[] Question, int[] Right, float[]? Words);

/// <summary>
/// Fits a <see cref="QueryAdapter"/> on questions with known articles: full-batch Adam on the mean softmax loss over every
/// article's similarity (or blended score: <paramref name="meaningWeight"/> × similarity + the words' share) divided by the
/// temperature, the answer's articles together as the positive class, plus L2 × the squared parameters.
/// </summary>
internal static class QueryAdapterFit
{
    public static QueryAdapter Fit(ArticleVectors articles, IReadOnlyList<AdapterExample> examples, AdapterSettings settings, float meaningWeight, int seed = 11)
    {
        var d = articles.Dimensions;
        var r = settings.Shape == AdapterShape.LowRank ? settings.Rank : 0;
        var theta = new float[QueryAdapter.Count(settings.Shape, d, r)];
        if (settings.Shape == AdapterShape.LowRank)
        {
            // U starts at 0 (so A does) and V small and random, or U's gradient would stay 0.
            var random = new Random(seed);
            for (var i = d * r; i < theta.Length; i++)
            {
                theta[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
            }
        }

        var adapter = new QueryAdapter(settings.Shape, d, r, theta);
        var gradient = new float[theta.Length];
        var m = new double[theta.Length];
        var v = new double[theta.Length];
        for (var step = 1; step <= settings.Steps; step++)
        {
            Gradient(adapter, articles, examples, settings.Temperature, meaningWeight, gradient);
            Adam(theta, gradient, m, v, step, settings);
        }

        return adapter;
    }

    /// <summary>
    /// Largest relative difference between <see cref="Gradient"/> and central differences of <see cref="Loss"/> along a few
    /// directions (the gradient's own and random ones), for a small random adapter: a check of the fit's arithmetic.
    /// Directions rather than single parameters, so the loss moves well above the floats' rounding.
    /// </summary>
    public static double GradientCheck(ArticleVectors articles, IReadOnlyList<AdapterExample> examples, AdapterShape shape, int rank, float meaningWeight)
    {
        var random = new Random(3);
        var d = articles.Dimensions;
        var adapter = new QueryAdapter(shape, d, rank, [.. Enumerable.Range(0, QueryAdapter.Count(shape, d, rank)).Select(_ => (float)(random.NextDouble() - 0.5) * 0.1f)]);
        var gradient = new float[adapter.Parameters.Length];
        const double Temperature = 0.05, Step = 1e-2;
        Gradient(adapter, articles, examples, Temperature, meaningWeight, gradient);
        var kept = adapter.Parameters.ToArray();
        var directions = new List<double[]> { gradient.Select(g => (double)g).ToArray() };
        directions.AddRange(Enumerable.Range(0, 4).Select(_ => gradient.Select(_ => random.NextDouble() - 0.5).ToArray()));
        var worst = 0.0;
        foreach (var direction in directions)
        {
            var norm = Math.Sqrt(direction.Sum(x => x * x));
            double LossAt(double step)
            {
                for (var i = 0; i < kept.Length; i++)
                {
                    adapter.Parameters[i] = (float)(kept[i] + (step * direction[i] / norm));
                }

                return Loss(adapter, articles, examples, Temperature, meaningWeight);
            }

            var numeric = (LossAt(Step) - LossAt(-Step)) / (2 * Step);
            var analytic = gradient.Select((g, i) => g * direction[i] / norm).Sum();
            worst = Math.Max(worst, Math.Abs(numeric - analytic) / Math.Max(1e-6, Math.Abs(numeric) + Math.Abs(analytic)));
        }

        kept.CopyTo(adapter.Parameters, 0);
        return worst;
    }

    /// <summary>The mean loss's gradient (no L2) into <paramref name="gradient"/>, laid out as the adapter's parameters.</summary>
    internal static void Gradient(QueryAdapter adapter, ArticleVectors articles, IReadOnlyList<AdapterExample> examples, double temperature, float meaningWeight, float[] gradient)
    {
        var d = articles.Dimensions;
        var r = adapter.Rank;
        var u = new float[d];
        var q2 = new float[d];
        var du = new float[d];
        var dq = new float[d];
        var inner = new float[Math.Max(1, r)];
        var dInner = new float[Math.Max(1, r)];
        var s = new float[articles.Texts];
        var similarity = new float[articles.Count];
        var routes = new (int Text, float Weight)[articles.Count * 3];
        var tau = (float)temperature;
        var n = examples.Count;
        Array.Clear(gradient);
        foreach (var (q, right, words) in examples)
        {
            var scale = words is null ? 1 : meaningWeight;
            adapter.Apply(q, u, inner);
            var length = MathF.Sqrt(QueryAdapter.Dot(u, u));
            for (var i = 0; i < d; i++)
            {
                q2[i] = u[i] / length;
            }

            articles.TextSimilarities(q2, s);
            var max = float.MinValue;
            for (var k = 0; k < articles.Count; k++)
            {
                similarity[k] = ((scale * articles.Similarity(k, s, routes.AsSpan(k * 3, 3))) + (words?[k] ?? 0)) / tau;
                max = Math.Max(max, similarity[k]);
            }

            double all = 0, positive = 0;
            for (var k = 0; k < articles.Count; k++)
            {
                all += Math.Exp(similarity[k] - max);
            }

            foreach (var k in right)
            {
                positive += Math.Exp(similarity[k] - max);
            }

            // dLoss/dq' = Σ over articles of (p_k − p_k among the right ones) × scale / τ × the article's route through its texts.
            Array.Clear(dq);
            for (var k = 0; k < articles.Count; k++)
            {
                var e = Math.Exp(similarity[k] - max);
                var g = (e / all) - (right.Contains(k) ? e / positive : 0);
                if (Math.Abs(g) < 1e-9)
                {
                    continue;
                }

                for (var part = 0; part < 3; part++)
                {
                    var (text, weight) = routes[(k * 3) + part];
                    if (text >= 0 && weight != 0)
                    {
                        QueryAdapter.AddScaled(dq, articles.Text(text), (float)(g * weight * scale / tau / n));
                    }
                }
            }

            // Through the normalisation: du = (dq' − q'(q'·dq')) / |u|.
            var along = QueryAdapter.Dot(q2, dq);
            for (var i = 0; i < d; i++)
            {
                du[i] = (dq[i] - (q2[i] * along)) / length;
            }

            Accumulate(adapter, q, du, inner, dInner, gradient);
        }
    }

    /// <summary>The mean loss over the examples (no L2): how well the adapter separates their right articles.</summary>
    public static double Loss(QueryAdapter adapter, ArticleVectors articles, IReadOnlyList<AdapterExample> examples, double temperature, float meaningWeight)
    {
        var s = new float[articles.Texts];
        var routes = new (int, float)[3];
        var total = 0.0;
        foreach (var (q, right, words) in examples)
        {
            articles.TextSimilarities(adapter.Apply(q), s);
            var z = Enumerable.Range(0, articles.Count).Select(k => ((words is null ? 1 : meaningWeight) * articles.Similarity(k, s, routes) + (words?[k] ?? 0)) / temperature).ToArray();
            var max = z.Max();
            total += Math.Log(z.Sum(x => Math.Exp(x - max))) - Math.Log(right.Sum(k => Math.Exp(z[k] - max)));
        }

        return total / examples.Count;
    }

    private static void Accumulate(QueryAdapter adapter, float[] q, float[] du, float[] inner, float[] dInner, float[] gradient)
    {
        var d = adapter.Dimensions;
        switch (adapter.Shape)
        {
            case AdapterShape.Diagonal:
                for (var i = 0; i < d; i++)
                {
                    gradient[i] += du[i] * q[i];
                }

                break;
            case AdapterShape.LowRank:
                // u = q + U·a with a = Vᵀ·q: dU += du ⊗ a; da = Uᵀ·du; dV += q ⊗ da.
                var r = adapter.Rank;
                var p = adapter.Parameters;
                Array.Clear(dInner);
                for (var i = 0; i < d; i++)
                {
                    QueryAdapter.AddScaled(gradient.AsSpan(i * r, r), inner.AsSpan(0, r), du[i]);
                    QueryAdapter.AddScaled(dInner.AsSpan(0, r), p.AsSpan(i * r, r), du[i]);
                }

                for (var i = 0; i < d; i++)
                {
                    QueryAdapter.AddScaled(gradient.AsSpan((d * r) + (i * r), r), dInner.AsSpan(0, r), q[i]);
                }

                break;
            default:
                for (var i = 0; i < d; i++)
                {
                    QueryAdapter.AddScaled(gradient.AsSpan(i * d, d), q, du[i]);
                }

                break;
        }
    }

    private static void Adam(float[] theta, float[] gradient, double[] m, double[] v, int step, AdapterSettings settings)
    {
        const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
        var correction1 = 1 - Math.Pow(Beta1, step);
        var correction2 = 1 - Math.Pow(Beta2, step);
        for (var i = 0; i < theta.Length; i++)
        {
            var g = gradient[i] + (2 * settings.L2 * theta[i]);
            m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g);
            v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
            theta[i] -= (float)(settings.Rate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + Epsilon));
        }
    }
}

/// <summary>The model with an adapter on its questions; articles are embedded as the model makes them.</summary>
internal sealed class AdaptedEmbedder(ISentenceEmbedder inner, QueryAdapter adapter) : ISentenceEmbedder
{
    private readonly Dictionary<string, float[]> _questions = new(StringComparer.Ordinal);

    public string Model => inner.Model;

    public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => inner.EmbedArticles(texts, cancellationToken);

    public float[] EmbedQuestion(string question)
    {
        if (!_questions.TryGetValue(question, out var vector))
        {
            _questions[question] = vector = adapter.Apply(inner.EmbedQuestion(question));
        }

        return vector;
    }

    public bool ReadsWhole(ReadOnlySpan<char> word) => inner.ReadsWhole(word);
}
