using LearningBot.Cards;

namespace LearningBot.Tests.Cards;

public sealed class ButtonTitleTests
{
    private static string CarryOn(string? name) => ButtonTitle.WithName(name, n => $"Carry on with {n}", "Carry on with the review");

    [Fact]
    public void Keeps_a_name_that_fits() => Assert.Equal("Carry on with Priya", CarryOn("Priya"));

    [Fact]
    public void Fits_a_title_of_exactly_the_maximum_length() =>
        Assert.Equal(ButtonTitle.MaxLength, CarryOn("Anne-Marie-L").Length);

    [Theory]
    [InlineData("Mary-Jane Louise", "Carry on with Mary-Jane")]
    [InlineData("Anne-Marie-Louise", "Carry on with Anne-Marie")]
    [InlineData("Jo Wilhelmina-Josephine", "Carry on with Jo")]
    public void Cuts_a_long_name_after_a_whole_word(string name, string expected) => Assert.Equal(expected, CarryOn(name));

    [Theory]
    [InlineData("Oluwatobiloba")]
    [InlineData("Kanyinsolaoluwa-Jo")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Falls_back_when_not_even_the_first_word_fits(string? name) => Assert.Equal("Carry on with the review", CarryOn(name));

    [Fact]
    public void Refuses_a_fallback_that_would_be_clipped() =>
        Assert.Throws<ArgumentException>(() => ButtonTitle.WithName("Sam", n => $"Stop {n} seeing the notes", "Stop sharing the notes of earlier reviews"));
}
