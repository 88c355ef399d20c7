using System.Text.Json.Nodes;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Paper;

/// <summary>Pressing the paper review cards as Teams would: every input's value goes with the press.</summary>
internal static class PaperForms
{
    /// <summary>The manager presses "Record a paper review" for <paramref name="personId"/> on their team card.</summary>
    public static async Task<JsonObject> FromTeamCardAsync(ReviewHarness h, string personId)
    {
        var team = await h.TeamCardAsync();
        var button = CardJson.Actions(team, "review.paper").First(a => a["data"]?["personId"]?.GetValue<string>() == personId);
        return CardJson.FromInvoke(await h.PressAsync(ReviewHarness.Manager, "review.paper", button["data"]!.DeepClone().AsObject()));
    }

    /// <summary>Presses Save with the card's own values, then <paramref name="answers"/> over them.</summary>
    public static Task<JsonObject> SaveAsync(ReviewHarness h, JsonObject card, JsonObject answers, TestPerson? user = null)
    {
        var inputs = Values(card);
        foreach (var (key, value) in answers)
        {
            inputs[key] = value?.DeepClone();
        }

        return h.PressOnCardAsync(user ?? ReviewHarness.Manager, card, "Save the review", inputs);
    }

    /// <summary>A complete paper review held on 20 November 2026 (two days before the harness's today).</summary>
    public static JsonObject Held(string objective = "Try the memory café with one resident") => new()
    {
        ["heldOn"] = "2026-11-20",
        ["objective1What"] = objective,
        ["objective1When"] = "2027-01-20",
        ["signedOnPaper"] = "true",
    };

    public static IReadOnlyList<JsonObject> OpenUrls(JsonNode card) =>
        [.. CardJson.Descendants(card).Where(n => CardJson.Type(n) == "Action.OpenUrl")];

    private static JsonObject Values(JsonObject card)
    {
        var values = new JsonObject();
        foreach (var input in CardJson.Descendants(card).Where(n => CardJson.Type(n)?.StartsWith("Input.", StringComparison.Ordinal) == true))
        {
            if (input["id"]?.GetValue<string>() is { } id && input["value"] is JsonValue value)
            {
                values[id] = value.ToString();
            }
        }

        return values;
    }
}
