using LearningBot.Cards;
using LearningBot.FeedbackSignals;

namespace LearningBot.GoodPractice.Finding;

/// <summary>
/// Data for <c>good-practice-results</c>: up to five approved examples for what was searched, a plain "none found" with
/// the way to share one, or (nothing searched yet) the question which topic, with the topics to choose from.
/// </summary>
/// <param name="Searched">What was searched for, scrubbed, through <see cref="CardText.Literal"/>; empty when asking for a topic.</param>
/// <param name="Words">The same words as searched, for the buttons to carry back.</param>
public sealed record PracticeResultsCardData(string Heading, string Text, string Searched, string Words) : ICardData
{
    public const string TopicInput = "topic";

    public static string CardName => "good-practice-results";

    public IReadOnlyList<PracticeResultItem> Items { get; init; } = [];

    public bool NoMatch { get; init; }

    public bool AskTopic { get; init; }

    public IReadOnlyList<SignalChoice> TopicChoices { get; init; } = GoodPracticeChoices.Topics;
}

/// <summary>One example in a list: every typed part through <see cref="CardText.Literal"/>.</summary>
/// <param name="From">The organisation as its attribution allows (<see cref="ExampleCredit.Line"/>).</param>
public sealed record PracticeResultItem(string ExampleId, string Title, string From, string Problem, string WhatChanged, string Topics);

/// <summary>
/// Data for <c>good-practice-example</c>: an approved example in full, read-only, with Contact the author, and Back to
/// the results when it was opened from a list.
/// </summary>
public sealed record PracticeExampleCardData(string ExampleId, string Title, string From, string Words) : ICardData
{
    public static string CardName => "good-practice-example";

    public IReadOnlyList<ExampleFact> Facts { get; init; } = [];

    public IReadOnlyList<ExampleSection> Sections { get; init; } = [];

    public bool OfferBack => Words.Length > 0;
}

/// <summary>
/// Data for <c>good-practice-suggestions</c>: compliments leads suggested for the exchange, for the good-practice editors
/// to turn into draft examples.
/// </summary>
public sealed record PracticeSuggestionsCardData(string Text) : ICardData
{
    public static string CardName => "good-practice-suggestions";

    public IReadOnlyList<PracticeSuggestionItem> Items { get; init; } = [];
}

/// <param name="Wording">The compliment's scrubbed wording through <see cref="CardText.Literal"/>.</param>
/// <param name="Drafted">"Drafted" when an example was started from it, else empty.</param>
public sealed record PracticeSuggestionItem(string SignalId, string Theme, string Where, string Month, string Wording, string Drafted);
