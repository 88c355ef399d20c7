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
    IReadOnlyList<RatedAnswer> WorstRated);
