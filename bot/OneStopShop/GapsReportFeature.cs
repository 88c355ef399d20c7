using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Signposts;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop;

/// <summary>
/// <c>gaps report [period]</c>, for the L&amp;D Support Team: what people asked over a period, what the knowledge base
/// could not answer, what it signposted elsewhere and how answers were rated, built from the scrubbed question log. A
/// period that starts before the oldest question kept (<see cref="QuestionRetentionOptions"/>) says so in words.
/// </summary>
public sealed class GapsReportFeature(
    AnswerEngine engine,
    SignpostMatcher signposts,
    QuestionLog log,
    AnswerCardFactory cards,
    IOptions<QuestionRetentionOptions> retention,
    TimeProvider clock) : IBotFeature
{
    private const string NotSupportTeam =
        "Sorry, the gaps report is only for the L&D Support Team. If you think you should see it, ask the team to add you.";

    public void MapRoutes(BotRoutes routes) => routes
        .For(Roles.SupportTeam, NotSupportTeam)
        .OnCommandWithArgument(SendReportAsync, "gaps report", "gap report")
        .OnCommand(turn => SendReportAsync(turn, string.Empty), "gaps");

    private async Task SendReportAsync(ITurnContext turn, string periodText)
    {
        var now = clock.GetUtcNow();
        if (ReportPeriod.Parse(periodText, now) is not { } period)
        {
            await turn.SendTextAsync(
                "I didn't understand that period. Try **gaps report** (the last 30 days), **gaps report 7 days**, **gaps report last month** or **gaps report 2026-11**.");
            return;
        }

        // Months past the retention are counted as removed even before the daily job has deleted them, so a report never
        // depends on whether that job has run yet today.
        var keptFrom = retention.Value.KeptFrom(now);
        var from = period.From < keptFrom ? keptFrom : period.From;
        var records = new List<QuestionRecord>();
        if (from < period.To)
        {
            await foreach (var record in log.ListAsync(from, period.To, turn.Aborted))
            {
                records.Add(record);
            }
        }

        var summary = GapsReport.Build(period, records, id => engine.Knowledge.Find(id)?.Title, id => signposts.Book.Find(id)?.Topic) with
        {
            Removed = period.From < keptFrom ? new RemovedQuestions(keptFrom, retention.Value.Months) : null,
        };
        await turn.SendCardAsync(cards.GapsReport(summary));
    }
}
