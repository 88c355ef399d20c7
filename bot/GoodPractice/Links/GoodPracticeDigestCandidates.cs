using LearningBot.Cards;
using LearningBot.FeedbackSignals;
using LearningBot.GoodPractice.Finding;

namespace LearningBot.GoodPractice.Links;

/// <summary>
/// Approved examples as candidate items for the newsletter digest: those approved since a date, newest first, each with
/// what a digest item needs. Retired examples are left out.
/// </summary>
public sealed class GoodPracticeDigestCandidates(GoodPracticeStore store)
{
    public async Task<IReadOnlyList<DigestCandidate>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var approved = await store.ListAsync(ExampleStatus.Approved, cancellationToken);
        return [.. approved
            .Where(example => example.ApprovedAt is { } at && at >= since)
            .OrderByDescending(example => example.ApprovedAt)
            .ThenBy(example => example.Id, StringComparer.Ordinal)
            .Select(Candidate)];
    }

    private static DigestCandidate Candidate(GoodPracticeExample example)
    {
#pragma warning disable LB0001 // An approved example's stored (scrubbed) answers, for a digest anyone may read.
        return new(
            example.Id,
            CardText.Literal(example.Title),
            ExampleCredit.Line(example),
            CardText.Literal(FindingCards.Shorten(example.WhatChanged.Length > 0 ? example.WhatChanged : example.Problem)),
            [.. example.TopicIds.Select(GoodPracticeChoices.Topics.TitleOf)],
            example.ApprovedAt!.Value);
#pragma warning restore LB0001
    }
}

/// <summary>
/// An approved example as a digest item. Title, From and Summary are ready for a card (typed text through
/// <see cref="CardText.Literal"/>); a button with verb <see cref="ShowVerb"/> and data <c>{ "exampleId": ExampleId }</c>
/// shows the whole example to whoever presses it.
/// </summary>
/// <param name="From">The organisation as the example's attribution allows: never a person unless credited by name.</param>
/// <param name="Summary">What changed (or, when that is empty, the problem), cut to about 300 characters.</param>
public sealed record DigestCandidate(string ExampleId, string Title, string From, string Summary, IReadOnlyList<string> Topics, DateTimeOffset ApprovedAt)
{
    public string ShowVerb => FindingVerbs.Show;
}
