using LearningBot.Leads;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>What the ranking reads of an approved example: its topics (the first is what it is mainly about), its kind of organisation, and whether it gives figures.</summary>
public sealed record PracticeTraits(string Id, IReadOnlyList<string> Topics, string OrganisationKind, bool HasFigures)
{
    public static PracticeTraits Of(GoodPracticeExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
#pragma warning disable LB0001 // Only whether the stored (scrubbed) results hold a figure is read.
        return new(example.Id, example.TopicIds, example.OrganisationKind, example.WhatChanged.Any(char.IsAsciiDigit));
#pragma warning restore LB0001
    }
}

/// <summary>What the ranking reads of a lead: their topics, kind of organisation, whether they are its L&amp;D lead, and the topics they said were not for them.</summary>
public sealed record LeadInterest(string PersonKey, IReadOnlyList<string> Topics, string OrganisationKind, bool IsLearningLead, bool Retired, IReadOnlyCollection<string> LessWanted)
{
    public static LeadInterest Of(LeadEntry lead, IReadOnlyCollection<string>? lessWanted = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new(lead.PersonKey, lead.SpecialtyIds(), lead.OrganisationKind, lead.IsLearningLead, lead.Retired, lessWanted ?? []);
    }
}

/// <summary>
/// How much an approved example matters to a lead: zero or less means they do not hear of it. A topic the lead follows
/// dominates: the more of the example is about their topics (and above all when its main topic is one), the higher it
/// ranks; the same kind of organisation adds to that, and figures break near-ties. An organisation's L&amp;D lead also
/// hears, at a lower weight than any topic match, of examples from their kind of organisation. Topics the lead said were
/// "not for me" count against and never match. A retired lead hears of nothing.
/// </summary>
public static class ExampleRelevance
{
    public const double MatchedTopic = 6;
    public const double WholeExampleOnTheirTopics = 6;
    public const double MainTopicMatched = 3;
    public const double SameOrganisationKind = 3;
    public const double LearningLeadOwnKind = 2;
    public const double Figures = 0.5;
    public const double LessWantedTopic = 8;

    public static double Score(PracticeTraits example, LeadInterest lead)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.Retired || example.Topics.Count == 0)
        {
            return 0;
        }

        var theirs = lead.Topics.Except(lead.LessWanted, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var matched = example.Topics.Count(theirs.Contains);
        var sameKind = example.OrganisationKind == lead.OrganisationKind;
        var unwanted = example.Topics.Count(lead.LessWanted.Contains);
        double score;
        if (matched > 0)
        {
            score = (MatchedTopic * matched)
                + (WholeExampleOnTheirTopics * matched / example.Topics.Count)
                + (theirs.Contains(example.Topics[0]) ? MainTopicMatched : 0)
                + (sameKind ? SameOrganisationKind : 0);
        }
        else if (lead.IsLearningLead && sameKind)
        {
            score = LearningLeadOwnKind;
        }
        else
        {
            return 0;
        }

        return score + (example.HasFigures ? Figures : 0) - (LessWantedTopic * unwanted);
    }

    /// <summary>The examples the lead hears of, most relevant first (ties by id, so the order is stable).</summary>
    public static IReadOnlyList<(PracticeTraits Example, double Score)> Rank(IEnumerable<PracticeTraits> examples, LeadInterest lead) =>
    [
        .. examples.Select(example => (Example: example, Score: Score(example, lead)))
            .Where(ranked => ranked.Score > 0)
            .OrderByDescending(ranked => ranked.Score).ThenBy(ranked => ranked.Example.Id, StringComparer.Ordinal),
    ];
}
