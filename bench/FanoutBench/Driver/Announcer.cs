using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Bench.FanoutBench.Simulator;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>
/// Plays the L&amp;D Support Team member: sends <c>announce</c>, previews an announcement to everyone
/// (<c>announce.preview</c>), and presses the preview card's Send (<c>announce.send</c> with its <c>draftId</c>).
/// The simulator's clock is set to zero as Send is pressed.
/// </summary>
internal sealed class Announcer(HttpClient http, Uri messages, ConnectorSimulator simulator, TeamsActivities activities)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    public async Task<AnnounceOutcome> SendAsync(CancellationToken cancellationToken)
    {
        var sender = BenchPeople.Sender;
        var id = activities.NextId();
        var reply = simulator.ExpectReply(id);
        using (var response = await http.PostAsJsonAsync(messages, activities.Message(sender, "announce", id), cancellationToken))
        {
            if (!response.IsSuccessStatusCode)
            {
                return new AnnounceOutcome(false, $"'announce' answered {(int)response.StatusCode}");
            }
        }

        await reply.WaitAsync(ReplyTimeout, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        var said = simulator.Stats.LastProgressText;

        var preview = activities.Execute(sender, "announce.preview", new JsonObject
        {
            ["title"] = "Safeguarding refresher: new dates",
            ["message"] = "New dates for the safeguarding adults level 2 refresher are open for booking on the learning hub.",
            ["audience"] = "everyone",
        });
        var (status, body) = await PostAsync(preview, cancellationToken);
        if (AnnouncementPreview.FindDraftId(body) is not { } draftId)
        {
            return new AnnounceOutcome(false, $"no draftId in the preview (invoke answered {status}: {Shorten(body)}); 'announce' was answered: {Shorten(said)}");
        }

        simulator.Mark();
        (status, body) = await PostAsync(activities.Execute(sender, "announce.send", new JsonObject { ["draftId"] = draftId }), cancellationToken);
        return status is >= 200 and < 300
            ? new AnnounceOutcome(true, $"draft {draftId} sent; the bot answered {Shorten(body)}")
            : new AnnounceOutcome(false, $"announce.send answered {status}: {Shorten(body)}");
    }

    private async Task<(int Status, string Body)> PostAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(messages, activity, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }


    private static string Shorten(string? text) => text is null ? "(nothing)" : text.Length <= 160 ? text : text[..160] + "…";
}
