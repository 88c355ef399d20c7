using System.Net;
using System.Text.RegularExpressions;
using LearningBot.Tests.OneStopShop.Escalation;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.MultiInstance;

/// <summary>
/// Two real bot processes on one storage account: an activity Teams delivers twice is processed once, whichever
/// instances get it, and each background job runs once per period, not once per instance.
/// </summary>
public sealed partial class TwoInstanceTests(TwoInstances bots) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task A_message_redelivered_to_the_other_instance_is_answered_once()
    {
        var help = TeamsActivities.Message(bots.Connector.ServiceUrl, "help");

        using var first = await bots.A.PostActivityAsync(help);
        using var again = await bots.B.PostActivityAsync(help);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(RepliesIn(help.ConversationId()) == 1, bots.Describe());
    }

    [Fact]
    public async Task The_same_message_posted_to_both_instances_at_once_is_answered_once()
    {
        var help = TeamsActivities.Message(bots.Connector.ServiceUrl, "help");

        var answers = await Task.WhenAll(bots.A.PostActivityAsync(help), bots.B.PostActivityAsync(help));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.True(RepliesIn(help.ConversationId()) == 1, bots.Describe());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task An_invoke_redelivered_to_the_other_instance_gets_the_answer_of_the_first_run()
    {
        // The ask form carries a token made fresh by each run, so equal answers mean one run.
        var press = TeamsActivities.ExecuteAction(bots.Connector.ServiceUrl, TwoInstances.Escalate, new() { ["question"] = TwoInstances.Question })
            .From(EscalationScenario.Asker);

        using var first = await bots.A.PostActivityAsync(press);
        using var again = await bots.B.PostActivityAsync(press);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(first.StatusCode, again.StatusCode);
        var firstForm = await BotTestHost.ReadJsonAsync(first);
        var secondForm = await BotTestHost.ReadJsonAsync(again);
        Assert.NotNull(EscalationScenario.ClientToken(CardJson.FromInvoke(firstForm)));
        Assert.Equal(firstForm.ToJsonString(), secondForm.ToJsonString());
    }

    private int RepliesIn(string conversationId) => bots.Connector.Sent.Count(sent => sent.ConversationId == conversationId);

    [Fact]
    public async Task Each_background_job_runs_once_per_period_across_both_instances()
    {
        // Both instances have looked at every job once one of them has claimed its period and the other has found it taken.
        var bothLooked = await Eventually.TrueAsync(
            () => TwoInstances.Jobs.All(job => Runs(job).Count > 0 && bots.All.Any(bot => bot.CountLog($"Background job {job}: the period starting") > 0)),
            // Generous: two bot processes start beside the rest of the suite on two busy cores; the wait ends when both have looked.
            TimeSpan.FromSeconds(60));

        Assert.True(bothLooked, bots.Describe());
        foreach (var job in TwoInstances.Jobs)
        {
            var runs = Runs(job);
            Assert.True(runs.Distinct().Count() == runs.Count, $"{job} ran twice in one period.\n{bots.Describe()}");
        }

        Assert.True(bots.All.Sum(bot => bot.CountLog("Review reminders sent to")) == 1, bots.Describe());
    }

    /// <summary>The start of every period of <paramref name="job"/> that an instance ran, across both instances.</summary>
    private List<string> Runs(string job) =>
    [
        .. bots.All.SelectMany(bot => bot.Log)
            .Select(line => RunLine().Match(line))
            .Where(match => match.Success && match.Groups["job"].Value == job)
            .Select(match => match.Groups["start"].Value),
    ];

    [GeneratedRegex(@"Background job (?<job>[a-z-]+): this instance runs the period starting (?<start>\S+)")]
    private static partial Regex RunLine();
}
