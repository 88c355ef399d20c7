using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Digest.Sending;

namespace LearningBot.Digest;

/// <summary>
/// The newsletter digest. Digest editors (<see cref="Roles.DigestEditor"/>: <c>Roles:DigestEditors</c> and the L&amp;D
/// Support Team) start an edition with <c>start digest</c> and shape it on its card; anyone reads the latest sent edition
/// with <c>digest</c> (or the welcome card's "Read the digest") and sends a piece with <c>contribute to the newsletter</c>.
/// </summary>
public sealed class DigestFeature(
    DigestStarting starting, DigestEditing editing, DigestContributing contributing, DigestEditionStore store, DigestCards cards, DigestScheduling scheduling, DigestReading reading)
    : IBotFeature
{
    public const string OnlyEditors =
        "Sorry, only digest editors and the L&D Support Team can put together the newsletter. To send something for it, type \"contribute to the newsletter\".";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            // "digest" on its own is mapped by the archive, with "digest 7".
            .OnCommand(async turn => await turn.SendCardAsync(await LatestAsync(turn.Aborted)), "latest digest", "read the digest", "latest newsletter", "newsletter")
            .OnCardAction(DigestVerbs.Latest, async (turn, _) => CardActionResult.Replace(await LatestAsync(turn.Aborted)))
            .OnCommand(turn => turn.SendCardAsync(contributing.NewCard()), "contribute to the newsletter", "contribute to the digest", "put something in the newsletter")
            .OnCardAction(DigestVerbs.Contribute, (_, _) => Task.FromResult(CardActionResult.Replace(contributing.NewCard())))
            .OnCardAction(DigestVerbs.SendContribution, contributing.SendAsync);

        routes.For(Roles.DigestEditor, OnlyEditors)
            .OnCommand(async turn => await turn.SendCardAsync(await starting.StartAsync(turn)), "start digest", "new digest edition")
            .OnCardAction(DigestVerbs.Open, editing.OpenAsync)
            .OnCardAction(DigestVerbs.Preview, editing.PreviewAsync)
            .OnCardAction(DigestVerbs.Up, (turn, action) => editing.MoveAsync(turn, action, -1))
            .OnCardAction(DigestVerbs.Down, (turn, action) => editing.MoveAsync(turn, action, +1))
            .OnCardAction(DigestVerbs.Remove, editing.RemoveAsync)
            .OnCardAction(DigestVerbs.Edit, (turn, action) => editing.FormAsync(turn, action, adding: false))
            .OnCardAction(DigestVerbs.Add, (turn, action) => editing.FormAsync(turn, action, adding: true))
            .OnCardAction(DigestVerbs.Save, editing.SaveAsync);

        // Sending (bot/Digest/Sending): readers open a sent edition and stop or restart the digest; editors schedule and see reach.
        routes
            .OnCardAction(DigestVerbs.Read, reading.ReadAsync)
            .OnCommand(async turn => await turn.SendCardAsync(await reading.SetAsync(turn, unsubscribe: true)), "unsubscribe digest", "stop getting the digest", "unsubscribe from the digest")
            .OnCommand(async turn => await turn.SendCardAsync(await reading.SetAsync(turn, unsubscribe: false)), "subscribe digest", "start getting the digest again", "subscribe to the digest")
            .OnCardAction(DigestVerbs.Unsubscribe, async (turn, _) => CardActionResult.Update(await reading.SetAsync(turn, unsubscribe: true)))
            .OnCardAction(DigestVerbs.Subscribe, async (turn, _) => CardActionResult.Update(await reading.SetAsync(turn, unsubscribe: false)));
        routes.For(Roles.DigestEditor, OnlyEditors)
            .OnCardAction(DigestVerbs.SendOpen, scheduling.OpenAsync)
            .OnCardAction(DigestVerbs.Schedule, scheduling.ScheduleAsync)
            .OnCardAction(DigestVerbs.CancelSchedule, scheduling.CancelAsync)
            .OnCommandWithArgument(async (turn, argument) => await turn.SendTextAsync(await reading.ReachAsync(argument, turn.Aborted)), "digest reach");
    }

    private async Task<CardReply> LatestAsync(CancellationToken cancellationToken) =>
        await store.LatestSentAsync(cancellationToken) is { } edition ? cards.Reader(edition, isPreview: false) : new CardReply(cards.NoneSent());
}
