using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.Tests.OneStopShop;

public sealed class EnglishStemmerTests
{
    [Theory]
    [InlineData("consign", "consign")]
    [InlineData("consigned", "consign")]
    [InlineData("consignment", "consign")]
    [InlineData("consistency", "consist")]
    [InlineData("consolation", "consol")]
    [InlineData("conspiracy", "conspiraci")]
    [InlineData("knackeries", "knackeri")]
    [InlineData("kneeling", "kneel")]
    [InlineData("knitting", "knit")]
    [InlineData("generously", "generous")]
    [InlineData("generation", "generat")]
    [InlineData("communication", "communic")]
    [InlineData("arsenal", "arsenal")]
    [InlineData("running", "run")]
    [InlineData("hoped", "hope")]
    [InlineData("hopping", "hop")]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "tie")]
    [InlineData("cries", "cri")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("hopefulness", "hope")]
    [InlineData("sensitivity", "sensit")]
    [InlineData("succeeded", "succeed")]
    [InlineData("skies", "sky")]
    [InlineData("dying", "die")]
    [InlineData("news", "news")]
    [InlineData("added", "add")]
    [InlineData("training", "train")]
    [InlineData("mentoring", "mentor")]
    [InlineData("apprenticeships", "apprenticeship")]
    [InlineData("evaluation", "evalu")]
    [InlineData("organisations", "organis")]
    [InlineData("by", "by")]
    [InlineData("a", "a")]
    public void Stems_standard_word_pairs(string word, string stem) =>
        Assert.Equal(stem, EnglishStemmer.Stem(word));

    [Fact]
    public void Stems_in_place_without_growing_the_word()
    {
        Span<char> buffer = "volunteering".ToCharArray();
        var length = EnglishStemmer.Stem(buffer);
        Assert.Equal("volunt", buffer[..length].ToString());
    }
}
