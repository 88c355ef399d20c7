using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;

namespace LearningBot.Digest;

/// <summary>
/// <c>start digest</c>: a new draft edition for the period since the last edition (or the last
/// <see cref="FirstPeriodDays"/> days), with the contents the bot proposes, numbered once across instances. While an
/// edition is still on its way to readers, that edition is shown instead, so there is one in hand at a time.
/// </summary>
public sealed class DigestStarting(DigestEditionStore store, DigestProposal proposal, DigestContributionStore contributions, DigestCards cards, TimeProvider clock)
{
    public const int FirstPeriodDays = 30;

    public static string InHand(DigestEdition edition) =>
        $"{edition.Title} has not been sent yet, so here it is: it needs to go out before the next edition is started.";

    public async Task<JsonObject> StartAsync(ITurnContext turn)
    {
        var latest = await store.LatestAsync(turn.Aborted);
        if (latest is not null && latest.Status != DigestStatus.Sent)
        {
            return cards.Edition(latest, 1, InHand(latest));
        }

        var editor = turn.Caller.PersonKey ?? "unknown";
        var now = clock.GetUtcNow();
        // The sources list what happened at or after a time: the next period starts just after the last one ended, so
        // nothing from the moment the last edition was started is proposed again.
        var from = latest is null ? now.AddDays(-FirstPeriodDays) : latest.PeriodTo.AddMilliseconds(1);
        var items = await proposal.ProposeAsync(from, turn.Aborted);
        var edition = await store.CreateDraftAsync(DigestEdition.Draft(from, now, editor, items, now), editor, turn.Aborted);
        return cards.Edition(await KeepClaimedContributionsAsync(edition, editor, turn.Aborted));
    }

    /// <summary>
    /// Marks the proposed contributions as this edition's. One another edition claimed first (two editors starting at
    /// once) is taken out of this one, so no contribution is proposed twice.
    /// </summary>
    private async Task<DigestEdition> KeepClaimedContributionsAsync(DigestEdition edition, string editor, CancellationToken cancellationToken)
    {
        var lost = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in edition.Items.Where(item => item.Kind == DigestItemKinds.Contribution))
        {
            if (!await contributions.ClaimAsync(item.SourceId, edition.Number, cancellationToken))
            {
                lost.Add(item.Id);
            }
        }

        if (lost.Count == 0)
        {
            return edition;
        }

        var change = await store.ChangeAsync(edition.Number, editor, current => new DigestEditionChange(
            current.WithItems([.. current.Items.Where(item => !lost.Contains(item.Id))]).Changed("claim", clock.GetUtcNow()),
            DigestAuditActions.Removed, $"Left out {lost.Count} contributions another edition proposed first."), cancellationToken);
        return change?.Entity ?? edition;
    }
}
