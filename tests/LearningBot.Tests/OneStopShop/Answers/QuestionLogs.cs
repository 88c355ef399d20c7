using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>Questions logged at a time a test chooses, through the real <see cref="QuestionLog"/>.</summary>
internal static class QuestionLogs
{
    /// <summary>Logs <paramref name="count"/> "not sure" questions asked at <paramref name="at"/>; their ids.</summary>
    public static async Task<IReadOnlyList<string>> RecordAtAsync(TableStorage storage, DateTimeOffset at, int count = 1, string question = "is the minibus to the awards running")
    {
        var log = new QuestionLog(storage, new ManualClock(at));
        var notSure = new AnswerResult(AnswerKind.NotSure, 0, null, null, [], [], []);
        var scrubbed = PersonalDataScrubber.Scrub(question, DateOnly.FromDateTime(at.UtcDateTime), ScrubMarking.Plain);
        var ids = new List<string>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(16))
        {
            var records = await Task.WhenAll(chunk.Select(_ => log.RecordAsync(scrubbed, notSure, "asker-1", "personal", QuestionOrigins.Asked, CancellationToken.None)));
            ids.AddRange(records.Select(record => record.QuestionId));
        }

        return ids;
    }
}
