namespace LearningBot.OneStopShop.Answers;

/// <summary>The gaps in the knowledge base over a period: what people asked that it could not answer, and what they disliked.</summary>
public sealed record GapsSummary(
    ReportPeriod Period,
    int Questions,
    int AnsweredWithArticle,
    int AnsweredWithPerson,
    int NotSure,
    int HelpfulRatings,
    int UnhelpfulRatings,
    int Scrubbed,
    IReadOnlyList<UnansweredQuestion> Unanswered,
    IReadOnlyList<RatedAnswer> WorstRated)
{
    /// <summary>Questions that were not about learning, answered with a signpost and not sent to the L&amp;D team.</summary>
    public int Signposted { get; init; }

    /// <summary>The signposted questions by signpost topic, most first.</summary>
    public IReadOnlyList<SignpostedTopic> SignpostTopics { get; init; } = [];

    /// <summary>Signposted questions whose asker said they were about learning after all (now counted as not sure).</summary>
    public int LearningAfterAll { get; init; }

    /// <summary>Set when the period starts before the oldest question kept: what was removed, so the report can say so.</summary>
    public RemovedQuestions? Removed { get; init; }
}

/// <summary>Questions asked before <paramref name="KeptFrom"/> were removed after the retention period of <paramref name="Months"/> months.</summary>
public sealed record RemovedQuestions(DateTimeOffset KeptFrom, int Months);

/// <summary>How many questions one signpost topic took.</summary>
public sealed record SignpostedTopic(string Topic, int Questions);
