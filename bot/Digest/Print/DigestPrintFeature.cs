using System.Globalization;
using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;

namespace LearningBot.Digest.Print;

/// <summary>
/// "Printed and put up" on the print pack (only the person the pack went to can record it: the pack is found by the
/// caller's own key, never by what the card sends back), and <c>digest paper reach &lt;n&gt;</c> for digest editors:
/// copies put up by organisation, small counts suppressed outside the L&amp;D Support Team.
/// </summary>
public sealed class DigestPrintFeature(DigestPrintPackStore packs, DigestPrintPackCards cards, IRoleCheck roles, TimeProvider clock) : IBotFeature
{
    public const string PutUpVerb = "digest.print.putup";

    public const string NotYours = "This print pack was not sent to you, so there is nothing to record. Print packs go to each organisation's L&D lead and to volunteer coordinators.";

    public void MapRoutes(BotRoutes routes)
    {
        routes.OnCardAction(PutUpVerb, PutUpAsync);
        routes.For(Roles.DigestEditor, DigestFeature.OnlyEditors)
            .OnCommandWithArgument(PaperReachAsync, "digest paper reach", "paper reach");
    }

    private async Task<CardActionResult> PutUpAsync(ITurnContext turn, CardActionRequest action)
    {
        var number = action.GetInt("number") ?? 0;
        var pack = number > 0 && turn.Caller.PersonKey is { Length: > 0 } key
            ? await packs.FindAsync(number, LeadEntry.Normalise(key), turn.Aborted)
            : null;
        if (pack is null)
        {
            return CardActionResult.Message(NotYours);
        }

        if (pack.IsPutUp)
        {
            return CardActionResult.Update(cards.Pack(pack));
        }

        var card = cards.Pack(pack);
        var copies = action.GetInt("copies");
        if (CardSubmission.Refusal(card, action.Submitted(), alsoWrong: copies is null
            ? [new CardInputProblem("copies", "number", $"Please give the number of copies you put up, from 1 to {DigestPrintPackCards.MaxCopies.ToString(CultureInfo.InvariantCulture)}.")]
            : null) is { } refusal)
        {
            return refusal;
        }

        var recorded = await packs.PutUpAsync(number, pack.PersonKey, copies!.Value, clock.GetUtcNow(), turn.Aborted);
        return CardActionResult.Update(cards.Pack(recorded ?? pack));
    }

    private async Task PaperReachAsync(ITurnContext turn, string argument)
    {
        if (!int.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            await turn.SendTextAsync("Which edition? Type **digest paper reach** and its number, for example **digest paper reach 7**.");
            return;
        }

        var showSmallCounts = await roles.HoldsAsync(turn.Caller, Roles.SupportTeam, turn.Aborted);
        await turn.SendCardAsync(cards.PaperReach(number, await packs.ListAsync(number, turn.Aborted), showSmallCounts));
    }
}
