using LearningBot.OneStopShop.Knowledge;
using static LearningBot.Tests.OneStopShop.KnowledgeFixtures;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// The text the embedding model reads (<see cref="KnowledgeIndex.TextForModel"/>): the words' typo corrections made
/// where the model would otherwise read fragments, and the synonym table's acronyms spelled out once.
/// </summary>
public sealed class ModelTextTests
{
    [Fact]
    public void Puts_right_a_typo_the_words_correct_and_the_model_does_not_know()
    {
        var index = new KnowledgeIndex(FixtureKnowledgeBase().Articles, Synonyms);
        var text = index.TextForModel("how do I go on a secondmnet", new ModelKnowing(), typos: true, acronyms: false);
        Assert.Matches("^how do I go on a secondments?$", text);
    }

    [Fact]
    public void Leaves_a_word_the_model_knows_whole_as_typed()
    {
        // "coasting" is one edit from words of the articles ("costing"), but the model reads it as the word it is.
        var index = new KnowledgeIndex(FixtureKnowledgeBase().Articles, Synonyms);
        const string question = "coasting along without coaching";
        Assert.Same(question, index.TextForModel(question, new ModelKnowing("coasting"), typos: true, acronyms: false));
        Assert.DoesNotContain("coasting", index.TextForModel(question, new ModelKnowing(), typos: true, acronyms: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_a_word_of_the_articles_as_typed()
    {
        var index = new KnowledgeIndex(
            [Article("first", "Coaching managers"), Article("second", "Coasting through change", body: "coasting coasting")],
            Synonyms);
        const string question = "coasting through change";
        Assert.Same(question, index.TextForModel(question, new ModelKnowing(), typos: true, acronyms: true));
    }

    [Fact]
    public void Real_model_keeps_real_words_and_mends_a_misspelling()
    {
        var index = AnswerEngine.Load(RealKnowledgeFolder).Knowledge;
        const string printer = "the printer on our floor is broken";
        Assert.Same(printer, index.TextForModel(printer, RealModel.Embedder, typos: true, acronyms: false));
        Assert.Equal(
            "whats the point of an appraisal if nothing happens afterwards",
            index.TextForModel("whats the point of an appraisl if nothing happens afterwards", RealModel.Embedder, typos: true, acronyms: false));
    }

    [Fact]
    public void Spells_out_an_acronym_once()
    {
        var index = new KnowledgeIndex(FixtureKnowledgeBase().Articles, Synonyms);
        Assert.Equal(
            "does CPD (continuing professional development) count, and is my KSF (knowledge and skills framework) CPD?",
            index.TextForModel("does CPD count, and is my KSF CPD?", new ModelKnowing(), typos: false, acronyms: true));
        Assert.Equal(
            "the L&D (learning and development) team",
            index.TextForModel("the L&D team", new ModelKnowing(), typos: false, acronyms: true));
    }

    [Fact]
    public void Spells_out_a_lower_case_acronym_only_when_the_model_does_not_know_it_as_a_word()
    {
        var index = new KnowledgeIndex(FixtureKnowledgeBase().Articles, Synonyms);
        var model = new ModelKnowing("cop");
        Assert.Same("a cop at the door", index.TextForModel("a cop at the door", model, typos: false, acronyms: true));
        Assert.Equal(
            "joining a COP (community of practice)",
            index.TextForModel("joining a COP", model, typos: false, acronyms: true));
        Assert.Equal(
            "my cpd (continuing professional development) log",
            index.TextForModel("my cpd log", model, typos: false, acronyms: true));
    }

    [Fact]
    public void Gives_back_a_clean_question_itself_without_allocating()
    {
        var index = new KnowledgeIndex(FixtureKnowledgeBase().Articles, Synonyms);
        var model = new ModelKnowing();
        const string question = "how do I find a mentor for my first year as a manager";
        index.TextForModel(question, model, typos: true, acronyms: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = index.TextForModel(question, model, typos: true, acronyms: true);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Same(question, text);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Engine_embeds_the_corrected_text_only_when_configured()
    {
        foreach (var (configured, expected) in new[] { (false, "how do I go on a secondmnet"), (true, "how do I go on a secondment") })
        {
            var engine = FixtureEngine(new AnswerOptions { Hybrid = new HybridOptions { WordsDecisive = null, CorrectTyposForModel = configured } });
            var model = new ModelKnowing();
            engine.Semantic.EmbedAll(model, engine.Knowledge.Articles);
            engine.Answer("how do I go on a secondmnet");
            Assert.StartsWith(expected, Assert.Single(model.Questions), StringComparison.Ordinal);
        }
    }

    /// <summary>A stand-in model whose vocabulary holds the given words whole; remembers the questions it embeds.</summary>
    private sealed class ModelKnowing(params string[] words) : ISentenceEmbedder
    {
        private readonly WordHashEmbedder _vectors = new("words");
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _words =
            new HashSet<string>(words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        public List<string> Questions { get; } = [];

        public string Model => _vectors.Model;

        public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            _vectors.EmbedArticles(texts, cancellationToken);

        public float[] EmbedQuestion(string question)
        {
            Questions.Add(question);
            return _vectors.EmbedQuestion(question);
        }

        public bool ReadsWhole(ReadOnlySpan<char> word) => _words.Contains(word);
    }
}
