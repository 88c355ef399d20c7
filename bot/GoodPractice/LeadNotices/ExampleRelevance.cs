using System.Collections.Frozen;
using System.Text.RegularExpressions;
using LearningBot.Leads;
using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>
/// What the ranking reads of an approved example: its topics (the first is what it is mainly about), its kind of
/// organisation, whether it gives figures, and the words of its story (<see cref="RoleWords"/>).
/// </summary>
public sealed record PracticeTraits(string Id, IReadOnlyList<string> Topics, string OrganisationKind, bool HasFigures, IReadOnlySet<string> StoryWords)
{
    public static PracticeTraits Of(GoodPracticeExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
#pragma warning disable LB0001 // The stored (scrubbed) story is read for its words and whether the results hold a figure.
        return new(example.Id, example.TopicIds, example.OrganisationKind, example.WhatChanged.Any(char.IsAsciiDigit),
            RoleWords.Of($"{example.Title} {example.Problem} {example.WhatWeDid}"));
#pragma warning restore LB0001
    }
}

/// <summary>
/// What the ranking reads of a lead: their topics, kind of organisation, whether they are its L&amp;D lead, the topics
/// they said were not for them, and the telling words of their role title (<see cref="RoleWords"/>).
/// </summary>
public sealed record LeadInterest(
    string PersonKey, IReadOnlyList<string> Topics, string OrganisationKind, bool IsLearningLead, bool Retired, IReadOnlyCollection<string> LessWanted,
    IReadOnlySet<string> RoleTitleWords)
{
    public static LeadInterest Of(LeadEntry lead, IReadOnlyCollection<string>? lessWanted = null)
    {
        ArgumentNullException.ThrowIfNull(lead);
#pragma warning disable LB0001 // The stored (scrubbed) role title is read for its words.
        return new(lead.PersonKey, lead.SpecialtyIds(), lead.OrganisationKind, lead.IsLearningLead, lead.Retired, lessWanted ?? [], RoleWords.Of(lead.RoleTitle));
#pragma warning restore LB0001
    }
}

/// <summary>
/// Stemmed words of a text that can say what a lead cares about: a role title such as "Lead nurse for dementia and
/// delirium" says dementia and delirium, not lead or nurse. Stop words and the words every role title has are left out.
/// </summary>
public static partial class RoleWords
{
    private static readonly FrozenSet<string> EveryRoleHas = new[]
    {
        "lead", "leads", "leading", "nurse", "nursing", "manager", "management", "team", "teams", "service", "services",
        "senior", "head", "officer", "coordinator", "care", "development", "learning", "practice", "community", "trust",
        "organisation", "network", "specialist", "support", "staff", "chair", "group", "registered", "consultant",
    }.Select(EnglishStemmer.Stem).ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> Of(string text) =>
        Word().Matches(text.ToLowerInvariant())
            .Select(match => match.Value)
            .Where(word => word.Length > 2 && !StopWords.Contains(word))
            .Select(EnglishStemmer.Stem)
            .Where(stem => !EveryRoleHas.Contains(stem))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("[a-z]+")]
    private static partial Regex Word();
}

/// <summary>
/// How much an approved example matters to a lead: zero or less means they do not hear of it. A topic the lead follows
/// dominates: the more of the example is about their topics (and above all when its main topic is one), the higher it
/// ranks; the same kind of organisation adds to that, and so does each telling word of the lead's role title found in
/// the example's story ("delirium" for a lead nurse for dementia and delirium); figures break near-ties. An organisation's L&amp;D lead also
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
    public const double RoleTitleWordInStory = 1.5;
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

        var roleWords = lead.RoleTitleWords.Count(example.StoryWords.Contains);
        return score + (example.HasFigures ? Figures : 0) + (RoleTitleWordInStory * roleWords) - (LessWantedTopic * unwanted);
    }

    /// <summary>The examples the lead hears of, most relevant first (ties by id, so the order is stable).</summary>
    public static IReadOnlyList<(PracticeTraits Example, double Score)> Rank(IEnumerable<PracticeTraits> examples, LeadInterest lead) =>
    [
        .. examples.Select(example => (Example: example, Score: Score(example, lead)))
            .Where(ranked => ranked.Score > 0)
            .OrderByDescending(ranked => ranked.Score).ThenBy(ranked => ranked.Example.Id, StringComparer.Ordinal),
    ];
}
