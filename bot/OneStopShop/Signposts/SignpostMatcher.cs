using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>
/// Recognises a question that is not about learning and says which signpost fits, after the answer engine has ranked the
/// articles. Never for a question with a learning word in it ("safeguarding training", "bullying awareness course"),
/// unless the word means something else there ("the wifi in the training centre", "who can I talk to in confidence").
/// Otherwise a signpost's trigger phrase decides, unless an article is clearly closer in meaning (before the model is
/// loaded: unless an article answers very confidently); and once the model is loaded, a question whose meaning is close
/// to a signpost's examples, and clearly closer than to any article, is signposted without a trigger. The question's vector is the one the engine made: this costs one small comparison.
/// </summary>
public sealed class SignpostMatcher
{
    private readonly SignpostOptions _options;
    private readonly SignpostPhrases _learningCues;
    private readonly SignpostPhrases _otherSenses;
    private readonly SignpostPhrases[] _triggers;
    private readonly int[] _checkOrder;
    private ExampleMeaning? _meaning;

    public SignpostMatcher(SignpostBook book, SignpostOptions options)
    {
        Book = book ?? throw new ArgumentNullException(nameof(book));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _learningCues = new SignpostPhrases(book.LearningCues);
        _otherSenses = new SignpostPhrases(book.OtherSenses ?? []);
        _triggers = [.. book.Signposts.Select(s => new SignpostPhrases(s.Triggers ?? []))];

        // Urgent signposts first: "my manager hit a resident" is a safeguarding concern before it is about a manager.
        _checkOrder = [.. Enumerable.Range(0, book.Signposts.Count).OrderBy(i => book.Signposts[i].Urgent ? 0 : 1)];
    }

    public SignpostBook Book { get; }

    /// <summary>The model the examples were embedded with; null until they are.</summary>
    public string? Model => Volatile.Read(ref _meaning)?.Model;

    /// <summary>Every example phrasing, in file order, for embedding.</summary>
    public IReadOnlyList<string> Examples => [.. Book.Signposts.SelectMany(s => s.Examples ?? [])];

    public static SignpostMatcher Load(string knowledgeFolder, SignpostOptions? options = null) =>
        new(SignpostBook.Load(Path.Combine(knowledgeFolder, SignpostBook.FileName)), options ?? new SignpostOptions());

    /// <summary>Recognises questions by meaning from now on: one vector per <see cref="Examples"/> entry, in order.</summary>
    public void Attach(string model, IReadOnlyList<float[]> exampleVectors)
    {
        ArgumentNullException.ThrowIfNull(exampleVectors);
        var owners = Book.Signposts.SelectMany((s, i) => (s.Examples ?? []).Select(_ => i)).ToArray();
        if (owners.Length != exampleVectors.Count)
        {
            throw new ArgumentException($"Expected {owners.Length} example vectors, got {exampleVectors.Count}.", nameof(exampleVectors));
        }

        Volatile.Write(ref _meaning, new ExampleMeaning(model, [.. exampleVectors], owners));
    }

    /// <summary>Embeds the examples now (no cache) and attaches them: for tools and tests that need no storage.</summary>
    public void EmbedAll(ISentenceEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        Attach(embedder.Model, embedder.EmbedArticles(Examples));
    }

    /// <summary>The signpost for <paramref name="question"/> as <paramref name="engine"/> answered it, or null to keep the answer.</summary>
    public SignpostMatch? Recognise(string question, AnswerResult answer, AnswerEngine engine)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(engine);
        if (!_options.Enabled || Book.Signposts.Count == 0)
        {
            return null;
        }

        var words = SignpostPhrases.Words(question);
        if (HasLearningWord(words))
        {
            return null;
        }

        var closest = ClosestExample(answer, engine);
        if (Triggered(words, closest) is { } triggered)
        {
            return ByTrigger(Book.Signposts[triggered.Index], answer, closest, triggered.Index) is { } match ? match with { Trigger = triggered.Phrase } : null;
        }

        return closest is { } meaning
            && meaning.Similarity >= _options.MeaningFloorFor(words.Length)
            && meaning.Similarity >= meaning.ArticleSimilarity + _options.MeaningMargin
            && Outranks(Book.Signposts[meaning.SignpostIndex], answer)
            ? new SignpostMatch(Book.Signposts[meaning.SignpostIndex], null, meaning.Similarity)
            : null;
    }

    /// <summary>
    /// Whether the file lists learning cues and none is in the question (other than in a phrase where it means something
    /// else): "when does the canteen close", not "what training is there".
    /// </summary>
    public bool LacksLearningWord(string question) =>
        Book.LearningCues.Count > 0 && !HasLearningWord(SignpostPhrases.Words(question ?? throw new ArgumentNullException(nameof(question))));

    private bool HasLearningWord(string[] words) => _learningCues.FirstIn(_otherSenses.Without(words)) is not null;

    /// <summary>The signpost with the example closest in meaning, how close, and how close the nearest article is; null without meaning.</summary>
    public (string SignpostId, double Similarity, double ArticleSimilarity)? NearestExample(AnswerResult answer, AnswerEngine engine) =>
        ClosestExample(answer ?? throw new ArgumentNullException(nameof(answer)), engine ?? throw new ArgumentNullException(nameof(engine))) is { } c
            ? (Book.Signposts[c.SignpostIndex].Id, c.Similarity, c.ArticleSimilarity)
            : null;

    /// <summary>
    /// The signpost whose trigger is in the question: urgent ones first; among several of the same urgency ("my password
    /// for the rostering app"), the one closest in meaning, or without meaning the first in the file.
    /// </summary>
    private (int Index, string Phrase)? Triggered(string[] words, Closest? closest)
    {
        (int Index, string Phrase)? found = null;
        foreach (var i in _checkOrder)
        {
            if (_triggers[i].FirstIn(words) is not { } phrase)
            {
                continue;
            }

            if (found is not { } first)
            {
                found = (i, phrase);
            }
            else if (Book.Signposts[i].Urgent == Book.Signposts[first.Index].Urgent && closest is { } c && c.BySignpost[i] > c.BySignpost[first.Index])
            {
                found = (i, phrase);
            }
        }

        return found;
    }

    private SignpostMatch? ByTrigger(Signpost signpost, AnswerResult answer, Closest? closest, int index)
    {
        if (!Outranks(signpost, answer))
        {
            return null;
        }

        // Meaning decides between a trigger word and the articles: an article clearly closer than this signpost's examples
        // keeps the question ("what happens to my pay on a secondment"). Without meaning, only a confident article does.
        if (closest is { } c && c.BySignpost[index] > float.MinValue)
        {
            var similarity = c.BySignpost[index];
            return c.ArticleSimilarity >= similarity + _options.MeaningMargin ? null : new SignpostMatch(signpost, null, similarity);
        }

        return answer.Kind == AnswerKind.Article && answer.Confidence >= _options.ArticleConfidenceOverTrigger
            ? null
            : new SignpostMatch(signpost, null, 0);
    }

    /// <summary>A person from the directory answered a who-question: only an urgent signpost comes before them.</summary>
    private static bool Outranks(Signpost signpost, AnswerResult answer) => answer.Kind != AnswerKind.Person || signpost.Urgent;

    /// <summary>The signpost whose example is closest to the question, and the closest article's similarity; null without meaning.</summary>
    private Closest? ClosestExample(AnswerResult answer, AnswerEngine engine)
    {
        var meaning = Volatile.Read(ref _meaning);
        var question = answer.QuestionMeaning;
        if (meaning is null || question is null || meaning.Model != engine.Semantic.Embedder?.Model)
        {
            return null;
        }

        var bySignpost = new float[Book.Signposts.Count];
        Array.Fill(bySignpost, float.MinValue);
        for (var i = 0; i < meaning.Vectors.Length; i++)
        {
            var owner = meaning.Owners[i];
            bySignpost[owner] = Math.Max(bySignpost[owner], SemanticIndex.Dot(question, meaning.Vectors[i]));
        }

        var best = 0;
        for (var i = 1; i < bySignpost.Length; i++)
        {
            best = bySignpost[i] > bySignpost[best] ? i : best;
        }

        return meaning.Vectors.Length == 0 ? null : new Closest(best, bySignpost[best], ArticleSimilarity(question, answer, engine), bySignpost);
    }

    /// <summary>How close the nearest of the answer's articles is, measured as the ranking measures it (head and passages).</summary>
    private static float ArticleSimilarity(float[] question, AnswerResult answer, AnswerEngine engine)
    {
        var semantic = engine.Semantic.Current;
        var passageShare = (float)engine.Options.Hybrid.PassageShare;
        var best = 0f;
        foreach (var article in answer.Suggestions.Select(h => h.Article).Prepend(answer.Article))
        {
            if (article is not null && semantic.SlotById.TryGetValue(article.Id, out var slot))
            {
                best = Math.Max(best, SemanticIndex.Similarity(question, semantic.Entries[slot], passageShare));
            }
        }

        return best;
    }

    /// <param name="BySignpost">Each signpost's closest example (a signpost without examples: <see cref="float.MinValue"/>).</param>
    private readonly record struct Closest(int SignpostIndex, float Similarity, float ArticleSimilarity, float[] BySignpost);

    private sealed record ExampleMeaning(string Model, float[][] Vectors, int[] Owners);
}

/// <summary>A recognised signpost: by which trigger phrase (null when by meaning), and how close its nearest example was.</summary>
public sealed record SignpostMatch(Signpost Signpost, string? Trigger, double Similarity);
