using System.Text.Json.Nodes;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Asking;

/// <summary>Presses a person and a manager make when asking for and starting a review.</summary>
internal static class AskingSteps
{
    /// <summary>The last card the bot sent into <paramref name="user"/>'s 1:1 chat.</summary>
    public static JsonObject LastCardSentTo(this ReviewHarness h, TestPerson user) =>
        CardJson.Of(h.Bot.Connector.Sent.Last(s => s.ConversationId == user.ChatId && s.Activity.Attachments is { Count: > 0 }));

    public static int CardsCountSentTo(this ReviewHarness h, TestPerson user) => h.CardsSentTo(user).Count;

    /// <summary>The person types <c>ask for a review</c> and presses Send my request with <paramref name="inputs"/>.</summary>
    public static async Task<JsonObject> AskForReviewAsync(this ReviewHarness h, TestPerson person, JsonObject inputs)
    {
        await h.SayAsync(person, "ask for a review");
        return CardJson.FromInvoke(await h.PressOnCardAsync(person, h.LastCardSentTo(person), "Send my request", inputs));
    }
}
