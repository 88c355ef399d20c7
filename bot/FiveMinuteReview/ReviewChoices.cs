namespace LearningBot.FiveMinuteReview;

/// <summary>A fixed answer on a card: the value stored and the words shown.</summary>
public sealed record Choice(string Value, string Title);

/// <summary>The fixed answers the review cards offer, and the limits on what people type.</summary>
public static class ReviewChoices
{
    public const int TextLimit = 1000;
    public const int ObjectiveLimit = 300;
    public const int TopicsLimit = 300;
    public const int NameLimit = 100;
    public const int MaxObjectives = 3;

    public static IReadOnlyList<Choice> Outcomes { get; } =
    [
        new("met", "Done"),
        new("partly", "Partly done"),
        new("not-yet", "Not yet"),
        new("dropped", "No longer needed"),
    ];

    public static IReadOnlyList<Choice> Overall { get; } =
    [
        new("on-track", "On track"),
        new("needs-support", "Needs some support"),
        new("exceeding", "Going beyond what we agreed"),
    ];

    public static IReadOnlyList<Choice> Wellbeing { get; } =
    [
        new("good", "Feeling good"),
        new("okay", "Okay, some ups and downs"),
        new("struggling", "Finding things hard at the moment"),
        new("not-said", "Preferred not to say"),
    ];

    /// <summary>Approaches to learning beyond courses, each an article in the knowledge base (<c>knowledge/articles/&lt;id&gt;.md</c>).</summary>
    public static IReadOnlyList<Choice> LearningApproaches { get; } =
    [
        new("work-based-learning", "Learning through everyday work"),
        new("job-shadowing", "Shadowing someone"),
        new("mentoring", "A mentor"),
        new("coaching", "Coaching"),
        new("reading-and-self-study", "Reading and self-study"),
        new("e-learning", "E-learning"),
        new("action-learning-sets", "An action learning set"),
        new("communities-of-practice", "A community of practice"),
        new("secondments", "A secondment or rotation"),
        new("informal-learning", "Informal learning from colleagues"),
    ];

    /// <summary>
    /// What a person wants or needs to learn, from a fixed list: the only learning needs the L&amp;D Support Team's
    /// figures count. What the manager types beside them stays in the review.
    /// </summary>
    public static IReadOnlyList<Choice> LearningNeeds { get; } =
    [
        new("dementia", "Dementia awareness"),
        new("moving-and-handling", "Moving and handling"),
        new("medicines", "Medicines"),
        new("safeguarding", "Safeguarding"),
        new("infection-prevention", "Infection prevention and control"),
        new("mental-health", "Mental health awareness"),
        new("learning-disability-autism", "Learning disability and autism"),
        new("end-of-life-care", "End of life care"),
        new("communication", "Communication skills"),
        new("record-keeping", "Record keeping and care planning"),
        new("digital-skills", "Digital skills"),
        new("leadership", "Leading and supervising others"),
        new("other", "Something else"),
    ];

    public static IReadOnlyList<Choice> OrganisationKinds { get; } =
    [
        new("voluntary-sector", "Voluntary sector"),
        new("independent-sector", "Independent care provider"),
        new("acute-trust", "Hospital trust"),
        new("mental-health-trust", "Mental health trust"),
        new("ambulance-trust", "Ambulance trust"),
        new("primary-care", "Primary care"),
        new("council", "City council"),
    ];

    public static string TitleOf(IReadOnlyList<Choice> choices, string? value) =>
        choices.FirstOrDefault(c => c.Value == value)?.Title ?? string.Empty;

    /// <summary>The values in a comma-separated list that are among <paramref name="choices"/>, in the list's order, each once.</summary>
    public static IReadOnlyList<string> Known(IReadOnlyList<Choice> choices, IEnumerable<string> values) =>
        [.. choices.Select(c => c.Value).Where(new HashSet<string>(values, StringComparer.Ordinal).Contains)];
}

/// <summary>The four steps of a review, then the summary.</summary>
public static class ReviewSteps
{
    public const int Feedback = 1;
    public const int TheirView = 2;
    public const int Objectives = 3;
    public const int Learning = 4;
    public const int Summary = 5;
    public const int Count = 4;

    /// <summary>What the step is about, as its card's heading says it.</summary>
    public static string Name(int step) => step switch
    {
        Feedback => "feedback",
        TheirView => "their view",
        Objectives => "objectives",
        Learning => "learning and how things are going",
        _ => "summary",
    };

    public static string CardName(int step) => step switch
    {
        Feedback => "review-feedback",
        TheirView => "review-view",
        Objectives => "review-objectives",
        Learning => "review-learning",
        _ => "review-summary",
    };
}
