using LearningBot.GoodPractice;
using LearningBot.GoodPractice.Finding;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.OneStopShop;

namespace LearningBot.Tests.GoodPractice.Finding;

/// <summary>
/// Searching the relevance set's 40 approved examples with the knowledge base's synonyms, and the calibration of the
/// answer card's threshold (<see cref="PracticeThresholds"/>). Measured on 2 December 2026, confidence of the first hit:
/// the eight questions about practice below scored 0.497 to 0.967 (the lowest, about dehydration, found a medicines
/// example first, rightly left off), the eight ordinary one-stop shop questions 0 to 0.460 ("where do I find a mentor"
/// found the ward managers' learning sets). 0.55 shows seven of the eight and none of the others. A second example is
/// shown at 0.75 of the first's score or more: that takes in the ambulance crews' hospital passports beside the ambulance
/// handover and the video interpreting beside the booked interpreters, and leaves out looser second hits (0.50 to 0.59).
/// </summary>
public sealed class PracticeIndexTests
{
    private static readonly PracticeIndex Index = new(RelevanceExamples.Approved, KnowledgeFixtures.Synonyms, new RankingOptions());

    public static TheoryData<string, string> Related => new()
    {
        { "how can care homes find out that a resident's medicines changed in hospital", "gp-08" },
        { "ideas for handover from ambulance crews to A&E", "gp-05" },
        { "moving and handling training recognised by more than one employer", "gp-10" },
        { "making letters easy read for people with a learning disability", "gp-03" },
        { "booking interpreters for outpatient appointments", "gp-23" },
        { "supporting people at the end of life at home with volunteers", "gp-14" },
        { "reducing restraint on mental health wards", "gp-37" },
    };

    public static TheoryData<string> Unrelated => new()
    {
        "how do we stop care home residents getting dehydrated",
        "how do I apply for funding for a masters degree",
        "what is the apprenticeship levy",
        "how do I write learning objectives",
        "where do I find a mentor",
        "how do I claim travel expenses for a course",
        "how do I reset my password",
        "what should go in a learning needs analysis",
        "how do I become a coach",
    };

    [Theory]
    [MemberData(nameof(Related))]
    public void A_question_about_practice_clears_the_threshold_with_the_example_it_is_about(string question, string expected)
    {
        var found = Index.Search(question, 2);

        Assert.Equal(expected, found.Matches[0].Example.Id);
        Assert.True(found.Confidence >= PracticeThresholds.Colleagues, $"{found.Confidence:F3}");
    }

    [Theory]
    [MemberData(nameof(Unrelated))]
    public void An_ordinary_question_stays_below_the_threshold(string question) =>
        Assert.True(Index.Search(question, 2).Confidence < PracticeThresholds.Colleagues);

    [Fact]
    public void Topic_words_find_the_examples_on_that_topic()
    {
        var found = Index.Search("interpreting", 5).Matches.Select(match => match.Example.Id).ToList();

        Assert.Equal(["gp-22", "gp-23"], found.Order().Take(2));
    }

    [Fact]
    public void A_synonym_finds_an_example_that_never_uses_the_word()
    {
        // "buddies" is in the mentoring group of the synonyms; the learning sets example speaks of mentors.
#pragma warning disable LB0001 // Checking the example's stored text.
        Assert.DoesNotContain(RelevanceExamples.Approved.Single(e => e.Id == "gp-27").WhatWeDid, "budd", StringComparison.OrdinalIgnoreCase);
#pragma warning restore LB0001
        Assert.Equal("gp-27", Index.Search("buddies for new ward managers", 3).Matches[0].Example.Id);
    }

    [Fact]
    public void Only_approved_examples_are_indexed()
    {
        var examples = RelevanceExamples.Approved.Take(3).ToList();
        var index = new PracticeIndex(
            [examples[0], examples[1] with { Status = ExampleStatus.Draft }, examples[2] with { Status = ExampleStatus.Retired }],
            KnowledgeFixtures.Synonyms, new RankingOptions());

        Assert.Equal(1, index.Count);
    }
}
