using System.Globalization;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Privacy;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Builds a <see cref="GapsSummary"/> from the question log, and the card's words from it. The report is for the
/// L&amp;D Support Team only, and its figures still follow the small-numbers rule (<see cref="SmallNumbers"/>): no count
/// from 1 to 4, and an unanswered question says how many people asked it, not how many times.
/// </summary>
public static class GapsReport
{
    public const int MaxUnanswered = 10;
    public const int MaxWorstRated = 5;

    /// <param name="titleOf">The article's current title, or null when the article is gone.</param>
    /// <param name="signpostTopicOf">A signpost's topic, or null when it is no longer in the signposts file.</param>
    public static GapsSummary Build(ReportPeriod period, IEnumerable<QuestionRecord> records, Func<string, string?> titleOf, Func<string, string?>? signpostTopicOf = null)
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
                g.Select(r => r.AskerKey ?? r.RowKey).Distinct(StringComparer.Ordinal).Count(),
                g.Max(r => r.AskedAt)))
            .OrderByDescending(q => q.People)
            .ThenByDescending(q => q.Count)
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

        var signposted = asked.Where(r => r.Kind == QuestionRecord.SignpostedKind).ToList();
        var topics = signposted
            .GroupBy(r => r.SignpostId is { } id ? signpostTopicOf?.Invoke(id) ?? id : "Other", StringComparer.Ordinal)
            .Select(g => new SignpostedTopic(g.Key, g.Count()))
            .OrderByDescending(t => t.Questions)
            .ThenBy(t => t.Topic, StringComparer.Ordinal)
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
            worst)
        {
            Signposted = signposted.Count,
            SignpostTopics = topics,
            LearningAfterAll = asked.Count(r => r.LearningAfterAll),
        };
    }

    /// <summary>The gaps report card's data: every count through <see cref="SmallNumbers"/>.</summary>
    public static GapsReportCardData CardData(GapsSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var figures = new List<ReportFact>
        {
            new("Questions asked", SmallNumbers.Number(summary.Questions)),
            new("Answered with an article", SmallNumbers.Number(summary.AnsweredWithArticle)),
            new("Answered with a contact", SmallNumbers.Number(summary.AnsweredWithPerson)),
            new("Not sure", SmallNumbers.Number(summary.NotSure)),
            new("Signposted elsewhere", SmallNumbers.Number(summary.Signposted)),
            new("Ratings", $"{SmallNumbers.Number(summary.HelpfulRatings)} helpful, {SmallNumbers.Number(summary.UnhelpfulRatings)} not helpful"),
        };
        if (summary.LearningAfterAll > 0)
        {
            figures.Add(new("Signposts turned back as about learning", SmallNumbers.Count(summary.LearningAfterAll, "question")));
        }

        if (summary.Scrubbed > 0)
        {
            figures.Add(new("Personal details removed", SmallNumbers.Count(summary.Scrubbed, "question")));
        }

        return new GapsReportCardData(
            summary.Period.Label,
            figures,
            [.. summary.Unanswered.Select(q => new ReportQuestion(
                CardText.Echo(q.Question), "asked by " + SmallNumbers.Count(q.People, "person", "people"), UkTime.Local(q.LastAsked).ToString("d MMMM", CultureInfo.InvariantCulture)))],
            [.. summary.WorstRated.Select(r => new ReportRating(CardText.Literal(r.Title), RatingSummary(r)))])
        {
            Signposted = [.. summary.SignpostTopics.Select(t => new ReportFact(t.Topic, SmallNumbers.Count(t.Questions, "question")))],
            Removed = summary.Removed is { } removed ? RemovedSentence(summary.Period, removed) : string.Empty,
        };
    }

    /// <summary>
    /// What the report says when its period starts before the oldest question kept, so its counts are never read as
    /// "nobody asked": "Questions are kept for 13 months: those asked before 1 November 2025 have been removed, …".
    /// </summary>
    public static string RemovedSentence(ReportPeriod period, RemovedQuestions removed)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(removed);
        // The first of a month at midnight UTC, so the same day in London (00:00 or 01:00); its month is a storage partition.
        var kept = UkTime.Local(removed.KeptFrom).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var counted = period.To <= removed.KeptFrom
            ? "so none from this period are left to count"
            : $"so this report counts only the questions asked from {kept}";
        return string.Create(CultureInfo.InvariantCulture, $"Questions are kept for {removed.Months} months: those asked before {kept} have been removed, {counted}.");
    }

    /// <summary>"6 of 10 ratings (60%) not helpful", or, with fewer than 5 ratings, only that some were.</summary>
    private static string RatingSummary(RatedAnswer answer) =>
        SmallNumbers.Share(answer.Unhelpful, answer.Ratings, "ratings") is { } share
            ? $"{share} not helpful"
            : $"{SmallNumbers.Count(answer.Ratings, "rating")}, at least one not helpful";
}
