using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.Tests.OneStopShop;

public sealed class TextAnalyzerTests
{
    private static readonly TextAnalyzer Analyzer = new(KnowledgeFixtures.Synonyms);

    [Theory]
    [InlineData("organization", "organisation")]
    [InlineData("organizations", "organisational")]
    [InlineData("program", "programme")]
    [InlineData("programs", "programmes")]
    [InlineData("behavior", "behaviour")]
    [InlineData("behaviors", "behaviours")]
    [InlineData("center", "centre")]
    [InlineData("practise", "practice")]
    [InlineData("practising", "practice")]
    [InlineData("license", "licence")]
    [InlineData("analyze", "analyse")]
    [InlineData("pediatric", "paediatric")]
    [InlineData("e-learning", "elearning")]
    [InlineData("E-Learning", "eLearning")]
    public void Folds_spelling_variants_onto_one_term(string american, string british) =>
        Assert.Equal(Terms(british), Terms(american));

    [Fact]
    public void Keeps_upper_case_IT_as_information_technology_but_drops_the_pronoun()
    {
        Assert.Equal(["ict", "cours"], Terms("IT courses"));
        Assert.Equal(["cours"], Terms("is it a course"));
    }

    [Theory]
    [InlineData("LNA", "training needs analysis")]
    [InlineData("TNA", "learning needs analysis")]
    [InlineData("PDR", "appraisal")]
    [InlineData("IPR", "personal development review")]
    [InlineData("stat and mand", "statutory training")]
    [InlineData("KSF", "knowledge and skills framework")]
    [InlineData("CPD", "continuing professional development")]
    [InlineData("online learning", "e-learning")]
    [InlineData("buddy", "mentor")]
    [InlineData("job shadowing", "work shadowing")]
    [InlineData("PALS", "patient advice and liaison")]
    [InlineData("PPI", "patient and public involvement")]
    [InlineData("CoP", "community of practice")]
    [InlineData("learning set", "action learning set")]
    [InlineData("L&D", "learning and development")]
    [InlineData("IT skills", "digital skills")]
    public void Finds_sector_synonyms_as_one_concept(string one, string other)
    {
        var a = Concepts(one);
        var b = Concepts(other);
        Assert.NotEmpty(a);
        Assert.True(a.Overlaps(b), $"'{one}' → [{string.Join(",", a)}], '{other}' → [{string.Join(",", b)}]");
    }

    [Fact]
    public void Does_not_run_a_phrase_across_punctuation()
    {
        Assert.Empty(Concepts("use your knowledge. And skills framework reviews come later"));
        Assert.NotEmpty(Concepts("use the knowledge and skills framework"));
    }

    private static List<string> Terms(string text)
    {
        var analysed = new AnalysedText();
        Analyzer.Analyse(text, analysed);
        return [.. Enumerable.Range(0, analysed.Count).Where(i => !analysed[i].IsStop).Select(i => analysed.Term(i).ToString())];
    }

    private static HashSet<string> Concepts(string text)
    {
        var analysed = new AnalysedText();
        Analyzer.Analyse(text, analysed);
        return [.. Enumerable.Range(0, analysed.PhraseCount).Select(p => Analyzer.GroupLabel(analysed.Phrase(p).Group))];
    }
}
