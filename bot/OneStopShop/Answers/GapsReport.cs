namespace LearningBot.OneStopShop.Answers;

/// <summary>Builds a <see cref="GapsSummary"/> from the question log.</summary>
public static class GapsReport
{
    public const int MaxUnanswered = 10;
    public const int MaxWorstRated = 5;

    /// <param name="titleOf">The article's current title, or null when the article is gone.</param>
    public static GapsSummary Build(ReportPeriod period, IEnumerable<QuestionRecord> records, Func<string, string?> titleOf)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(titleOf);
        var all = records.ToList();
        var asked = all.Where(r => r.Origin == QuestionOrigins.Asked).ToList();

        var unanswered = asked
            .Where(r => r.Kind == nameof(Knowledge.AnswerKind.NotSure) && r.NormalisedQuestion.Length > 0)
            .GroupBy(r => r.NormalisedQuestion, StringComparer.Ordinal)
            .Select(g => new UnansweredQuestion(
                g.OrderByDescending(r => r.AskedAt).First().Question,
                g.Count(),
                g.Max(r => r.AskedAt)))
            .OrderByDescending(q => q.Count)
            .ThenByDescending(q => q.LastAsked)
            .Take(MaxUnanswered)
            .ToList();

        var rated = all.Where(r => r.Helpful is not null).ToList();
        var worst = rated
            .Where(r => r.ArticleId is not null || r.PersonId is not null)
            .GroupBy(r => r.ArticleId ?? "person:" + r.PersonId, StringComparer.Ordinal)
            .Select(g => new RatedAnswer(
                g.Key,
                g.First().ArticleId is { } article ? titleOf(article) ?? article : "Directory: " + g.First().PersonId,
                g.Count(r => r.Helpful == true),
                g.Count(r => r.Helpful == false)))
            .Where(a => a.Unhelpful > 0)
            .OrderByDescending(a => a.UnhelpfulShare)
            .ThenByDescending(a => a.Unhelpful)
            .ThenBy(a => a.Title, StringComparer.Ordinal)
            .Take(MaxWorstRated)
            .ToList();

        return new GapsSummary(
            period,
            asked.Count,
            asked.Count(r => r.Kind == nameof(Knowledge.AnswerKind.Article)),
            asked.Count(r => r.Kind == nameof(Knowledge.AnswerKind.Person)),
            asked.Count(r => r.Kind == nameof(Knowledge.AnswerKind.NotSure)),
            rated.Count(r => r.Helpful == true),
            rated.Count(r => r.Helpful == false),
            asked.Count(r => r.Scrubbed),
            unanswered,
            worst);
    }
}
