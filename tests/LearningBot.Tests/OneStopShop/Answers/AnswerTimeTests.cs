using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Answers;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>The one-stop shop's article states the reply time the bot promises, taken from the escalation setting.</summary>
public sealed class AnswerTimeTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    internal const string Question = "how long does the one-stop shop take to reply";

    private readonly BotTestHost _bot = host.ForTest();

    [Fact]
    public async Task The_answer_about_reply_times_gives_the_promised_working_days()
    {
        var text = await AnswerTimeAnswer.ReadAsync(_bot);

        Assert.Contains("The one-stop shop for learning advice", text, StringComparison.Ordinal);
        Assert.Contains("2 working days", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{answer-within}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("three working days", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_page_of_the_article_opened_on_its_own_gives_the_promised_working_days_too()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(
            _bot.Connector.ServiceUrl, AskVerbs.Page, new JsonObject { ["id"] = "one-stop-shop", ["page"] = 1 }));
        var page = CardJson.Readable(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response)));

        Assert.Contains("2 working days", page, StringComparison.Ordinal);
        Assert.DoesNotContain("{answer-within}", page, StringComparison.Ordinal);
    }
}

/// <summary>The same answer with the promise changed in configuration.</summary>
public sealed class ChangedAnswerTimeTests(ChangedAnswerTimeTests.Host host) : IClassFixture<ChangedAnswerTimeTests.Host>
{
    private readonly BotTestHost _bot = host.ForTest();

    /// <summary>A bot that promises answers within 4 working days.</summary>
    public sealed class Host : BotHostFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["LearningHub:Escalation:AnswerWithinWorkingDays"] = "4",
        };
    }

    [Fact]
    public async Task The_answer_about_reply_times_follows_the_setting()
    {
        var text = await AnswerTimeAnswer.ReadAsync(_bot);

        Assert.Contains("4 working days", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2 working days", text, StringComparison.Ordinal);
    }
}

internal static class AnswerTimeAnswer
{
    public static async Task<string> ReadAsync(BotTestHost bot)
    {
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, AnswerTimeTests.Question));
        return CardJson.Readable(CardJson.Of(Assert.Single(bot.Connector.Sent)));
    }
}
