using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Digest;
using LearningBot.Digest.Print;
using LearningBot.Digest.Sending;
using LearningBot.Tests.Digest.Approval;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.Digest.Approval.ApprovalHarness;

namespace LearningBot.Tests.Digest;

/// <summary>
/// One edition from start to paper through the real bot on Azurite, by pressing what people press: drafted, approved by
/// someone else, changed after approval (so it cannot go out), approved again, sent, read, printed and found in the archive.
/// </summary>
public sealed class DigestJourneyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string LateHeadline = "Mentoring circles for new registered managers";

    [Fact]
    public async Task An_edition_changed_after_approval_goes_out_only_once_approved_again_and_then_reaches_chat_print_and_archive()
    {
        await using var hub = await StartAsync(azurite);
        var draft = await hub.DraftAsync(Editor, DigestCards.Everyone, "voluntary-sector");
        await ApproveAsync(hub, draft);

        var changed = await hub.AddAsync(Editor, await hub.EditorsCardAsync(Editor), LateHeadline);
        Assert.Empty(CardJson.Actions(changed, DigestVerbs.SendOpen));
        var stillDraft = await hub.EditionAsync();
        var refused = await ForgedSendNowAsync(hub, stillDraft);
        await SendDueAsync(hub);

        Assert.Equal(DigestStatus.Draft, (await hub.EditionAsync()).Status);
        Assert.Contains("it has not been approved", refused.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(hub.Started(DigestSender.Purpose));

        await ApproveAsync(hub, changed);
        await SendNowAsync(hub);
        await SendDueAsync(hub);

        var sent = await hub.EditionAsync();
        Assert.Equal(DigestStatus.Sent, sent.Status);
        Assert.True(await Eventually.TrueAsync(async () => (await hub.EditionAsync()).FollowedUp));
        var delivery = Assert.Single(hub.Started(DigestSender.Purpose));
        Assert.Contains(delivery.Recipients, r => r.Key == Approver.AadObjectId);
        Assert.Contains(LateHeadline, CardJson.Texts(CardJson.Of(delivery.Message)), StringComparison.Ordinal);
        Assert.Contains(hub.Started(DigestPrintPack.Purpose), d => d.Recipients.Any(r => r.Key == VoluntaryLead.AadObjectId));

        var print = await hub.Bot.Client.GetAsync(new Uri($"/digest/editions/{sent.Number}/print", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Contains(LateHeadline, await print.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Contains(LateHeadline, CardJson.Texts(await hub.TypeAsync(Approver, "past digests")), StringComparison.Ordinal);
        Assert.Contains(LateHeadline, CardJson.Texts(await hub.TypeAsync(Approver, "search digest mentoring circles")), StringComparison.Ordinal);
    }

    /// <summary>The editor sends the edition on <paramref name="editorsCard"/> for approval; the approver and the voluntary sector's lead approve it.</summary>
    private static async Task ApproveAsync(ApprovalHarness hub, JsonObject editorsCard)
    {
        await hub.PressAsync(Editor, editorsCard, DigestVerbs.SendForApproval);
        await hub.PressAsync(Approver, hub.ApprovalCardsFor(Approver)[^1], DigestVerbs.Approve);
        await hub.PressAsync(VoluntaryLead, hub.ApprovalCardsFor(VoluntaryLead)[^1], DigestVerbs.Approve);
    }

    /// <summary>A press of "Send now to everyone who has the app" for <paramref name="edition"/> as it stands, whether or not a card offered it.</summary>
    private static async Task<JsonObject> ForgedSendNowAsync(ApprovalHarness hub, DigestEdition edition)
    {
        var data = SendNow;
        data["number"] = edition.Number;
        data["version"] = edition.Version;
        var response = await hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(hub.Bot.Connector.ServiceUrl, DigestVerbs.Schedule, data, Editor.ChatId).From(Editor));
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>The editor opens "Send or schedule" on their card and sends it now to everyone who has the app.</summary>
    private static async Task SendNowAsync(ApprovalHarness hub)
    {
        var sendCard = await hub.PressAsync(Editor, await hub.EditorsCardAsync(Editor), DigestVerbs.SendOpen);
        await hub.PressAsync(Editor, sendCard, DigestVerbs.Schedule, SendNow);
    }

    private static JsonObject SendNow => new() { ["everyone"] = "true", ["kinds"] = "", ["when"] = "now", ["date"] = "", ["time"] = "" };

    private static Task<int> SendDueAsync(ApprovalHarness hub) =>
        hub.Bot.Services.GetRequiredService<DigestSender>().SendDueAsync(CancellationToken.None);
}
