using System.Globalization;
using LearningBot.Calendar;
using LearningBot.Leads;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>An approach beyond courses, with the knowledge base article that explains it.</summary>
public sealed record LearningApproach(string Title, string ArticleId, IReadOnlyList<string> Themes);

/// <summary>
/// The first draft of an analysis, following the knowledge base's article <c>learning-needs-analysis</c>: the need,
/// why learning is the fix, evidence of success, who needs to learn what, dates; and approaches beyond courses from the
/// knowledge base, those its articles link to the theme first.
/// </summary>
public static class LnaOutline
{
    public const string ArticleId = "learning-needs-analysis";

    /// <summary>Approaches from the knowledge base; the themes are those its articles name for the approach.</summary>
    public static IReadOnlyList<LearningApproach> Approaches { get; } =
    [
        new("A community of practice", "communities-of-practice", ["dementia", "end-of-life"]),
        new("Joint learning with the other organisations involved", "joint-learning", ["dementia", "safeguarding-awareness", "end-of-life", "handover-between-organisations"]),
        new("A shared training passport", "training-passports", ["moving-and-handling", "infection-prevention", "safeguarding-awareness"]),
        new("Learning through everyday work: supervised practice, reflection and feedback", "work-based-learning", []),
        new("Job shadowing", "job-shadowing", []),
        new("Coaching, one-to-one or in a group", "coaching", []),
        new("Learning sets and mentoring", "manager-learning-sets-and-mentoring", []),
        new("E-learning for the knowledge, blended with practice and discussion", "e-learning", []),
    ];

    /// <summary>Approaches for a theme: those the knowledge base links to it first, then the general ones.</summary>
    public static IReadOnlyList<LearningApproach> ApproachesFor(string theme) =>
        [.. Approaches.Where(a => a.Themes.Contains(theme)), .. Approaches.Where(a => a.Themes.Count == 0)];

    public static LearningNeedsAnalysis Start(SignalAlert alert, ThemeTally? theme, string startedBy, DateTimeOffset now)
    {
        var months = theme?.Signals().Select(s => s.Month).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() ?? [];
        var started = new LearningNeedsAnalysis
        {
            RowKey = alert.AlertId,
            AlertId = alert.AlertId,
            Theme = alert.Theme,
            ServiceArea = alert.ServiceArea,
            OrganisationKind = alert.OrganisationKind,
            ConcernsBand = CountBands.InWords(alert.Concerns),
            ComplimentsBand = CountBands.InWords(alert.Compliments),
            Sources = alert.Sources,
            Months = string.Join(',', months),
            Examples = alert.Examples,
            StartedBy = startedBy,
            StartedAt = now,
        };
        return started.WithText(FirstDraft(alert, UkTime.Today(now)), LearningNeedsAnalysis.Draft, startedBy, now);
    }

    /// <summary>The written parts of a first draft, in plain words from the theme (scrubbed like anything stored).</summary>
    public static LnaText FirstDraft(SignalAlert alert, DateOnly today)
    {
        var theme = SignalThemes.LabelOf(alert.Theme).ToLowerInvariant();
        var area = SignalChoices.ServiceAreas.TitleOf(alert.ServiceArea);
        var kind = SignalChoices.OrganisationKinds.TitleOf(alert.OrganisationKind);
        var sources = string.Join(", ", alert.Sources.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SignalChoices.Sources.TitleOf));
        var evaluate = today.AddMonths(6).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        return new LnaText(
            PersonalDataScrubber.Scrub(
                $"Patients and service users have raised concerns about {theme} in {area} ({kind}). Describe the gap in staff skills, knowledge or competence this points to, and the problem it causes for the service.", today),
            PersonalDataScrubber.Scrub($"Patients and service users of {area} in this kind of organisation ({kind}), and the staff who care for them.", today),
            PersonalDataScrubber.Scrub(
                "Check first whether the real fix is staffing, a change of rota, new equipment or a clearer process. Say why learning is the answer here, or what else is needed alongside it.", today),
            PersonalDataScrubber.Scrub(
                $"Fewer concerns about {theme} heard through {sources}, and more compliments, by {evaluate}. Add any audit or incident measure you will use.", today),
            PersonalDataScrubber.Scrub(
                "Which teams and roles, and about how many people, need to learn what. Write each learning objective as a performance, the conditions and the standard.", today),
            PersonalDataScrubber.Scrub($"Design, delivery and completion dates. Check whether it made a difference in {evaluate}.", today),
            PersonalDataScrubber.Scrub(string.Join('\n', ApproachesFor(alert.Theme).Take(4).Select(a => $"{a.Title}: ask me \"{a.ArticleId.Replace('-', ' ')}\" for how")), today));
    }
}
