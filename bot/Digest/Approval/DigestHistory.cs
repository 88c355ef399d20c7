using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.Digest.Approval;

/// <summary>
/// An edition's audit trail for the people who make and check it (digest editors, digest approvers and organisations'
/// L&amp;D leads): every change with who made it and when, names from the people directory.
/// </summary>
public sealed class DigestHistory(DigestEditionStore store, DigestApprovers approvers, DigestApprovalCards cards, IRoleCheck roles)
{
    public const string NotAllowed = "Sorry, only digest editors, digest approvers and organisations' L&D leads can see an edition's history.";

    public const string Usage = "Which edition? Type **digest history** and its number, for example **digest history 7**.";

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public async Task CommandAsync(ITurnContext turn, string argument)
    {
        if (!await MaySeeAsync(turn, turn.Aborted))
        {
            await turn.SendTextAsync(NotAllowed);
            return;
        }

        if (!int.TryParse(argument.Trim().TrimStart('#'), NumberStyles.None, English, out var number))
        {
            await turn.SendTextAsync(Usage);
            return;
        }

        if (await CardAsync(number, turn.Aborted) is { } card)
        {
            await turn.SendCardAsync(card);
        }
        else
        {
            await turn.SendTextAsync($"I can't find edition {number}.");
        }
    }

    public async Task<CardActionResult> PressAsync(ITurnContext turn, CardActionRequest action)
    {
        if (!await MaySeeAsync(turn, turn.Aborted))
        {
            return CardActionResult.Message(NotAllowed);
        }

        return await CardAsync(action.GetInt("number") ?? 0, turn.Aborted) is { } card
            ? CardActionResult.Replace(card)
            : CardActionResult.Message(DigestEditing.Gone);
    }

    private async Task<bool> MaySeeAsync(ITurnContext turn, CancellationToken cancellationToken) =>
        await roles.HoldsAsync(turn.Caller, Roles.DigestEditor, cancellationToken)
        || (await approvers.ScopesOfAsync(turn.Caller, cancellationToken)).MayDecide;

    private async Task<JsonObject?> CardAsync(int number, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(number, cancellationToken) is not { } edition)
        {
            return null;
        }

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = new List<DigestHistoryLine>();
        foreach (var line in await store.AuditAsync(number, cancellationToken))
        {
            if (!names.TryGetValue(line.Who, out var name))
            {
                name = names[line.Who] = CardText.Literal(await NameAsync(line.Who, cancellationToken));
            }

            lines.Add(new(UkTime.Local(line.When).ToString("d MMMM yyyy, HH:mm", English), name, line.What));
        }

        return cards.History(edition, lines);
    }

    private async Task<string> NameAsync(string personKey, CancellationToken cancellationToken)
    {
        var name = await approvers.NameOfAsync(personKey, cancellationToken);
        return name == DigestApprovers.UnknownName ? $"someone ({personKey})" : name;
    }
}
