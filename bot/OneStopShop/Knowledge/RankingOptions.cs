using System.ComponentModel.DataAnnotations;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>BM25F weights: how much each field counts and how strongly its length is normalised (section <c>OneStopShop:Ranking</c>).</summary>
public sealed record RankingOptions
{
    public double K1 { get; init; } = 1.2;

    public double TitleWeight { get; init; } = 3.0;

    public double TagsWeight { get; init; } = 2.5;

    public double SummaryWeight { get; init; } = 1.5;

    public double BodyWeight { get; init; } = 1.0;

    /// <summary>
    /// Weight of the "asked as" phrasings (front matter <c>asked:</c>), as low as the body's: they are guesses at how
    /// people ask, not the article's own words. Fitted with the blend (bench/README.md); 0 leaves them out of the index.
    /// </summary>
    public double AskedWeight { get; init; } = 1.0;

    public double TitleLengthNormalisation { get; init; } = 0.5;

    public double TagsLengthNormalisation { get; init; } = 0.3;

    public double SummaryLengthNormalisation { get; init; } = 0.6;

    public double BodyLengthNormalisation { get; init; } = 0.75;

    public double AskedLengthNormalisation { get; init; } = 0.75;

    /// <summary>Weight of a synonym-group match relative to the word as typed (1.0).</summary>
    public double SynonymWeight { get; init; } = 0.45;

    /// <summary>Weight of two neighbouring question words found side by side in an article's title or tags.</summary>
    public double PairWeight { get; init; } = 0.5;

    /// <summary>Weight of a word reached by correcting one typo.</summary>
    public double TypoWeight { get; init; } = 0.8;

    /// <summary>
    /// How much a question word found in no article counts against confidence, as a share of the rarest
    /// word's weight. Below 1 because small knowledge bases lack many ordinary words.
    /// </summary>
    public double UnknownWordWeight { get; init; } = 0.6;

    /// <summary>Shortest query word (in letters) that may be corrected for a typo.</summary>
    public int TypoMinimumLength { get; init; } = 5;

    /// <summary>The problems with these settings, named under <paramref name="section"/>; checked with <see cref="AnswerOptions"/>.</summary>
    internal IEnumerable<ValidationResult> Validate(string section)
    {
        if (K1 <= 0)
        {
            yield return Problem(nameof(K1), "must be more than 0");
        }

        (string Name, double Value)[] weights =
        [
            (nameof(TitleWeight), TitleWeight), (nameof(TagsWeight), TagsWeight), (nameof(SummaryWeight), SummaryWeight),
            (nameof(BodyWeight), BodyWeight), (nameof(AskedWeight), AskedWeight), (nameof(SynonymWeight), SynonymWeight), (nameof(PairWeight), PairWeight),
            (nameof(TypoWeight), TypoWeight), (nameof(UnknownWordWeight), UnknownWordWeight),
        ];
        foreach (var weight in weights.Where(w => !(w.Value >= 0)))
        {
            yield return Problem(weight.Name, "must not be negative");
        }

        (string Name, double Value)[] normalisations =
        [
            (nameof(TitleLengthNormalisation), TitleLengthNormalisation), (nameof(TagsLengthNormalisation), TagsLengthNormalisation),
            (nameof(SummaryLengthNormalisation), SummaryLengthNormalisation), (nameof(BodyLengthNormalisation), BodyLengthNormalisation),
            (nameof(AskedLengthNormalisation), AskedLengthNormalisation),
        ];
        foreach (var normalisation in normalisations.Where(n => n.Value is not (>= 0 and <= 1)))
        {
            yield return Problem(normalisation.Name, "must be between 0 and 1");
        }

        if (TypoMinimumLength < 1)
        {
            yield return Problem(nameof(TypoMinimumLength), "must be at least 1");
        }

        ValidationResult Problem(string name, string rule) => new($"{section}:{name} {rule}.", [nameof(AnswerOptions.Ranking)]);
    }
}
