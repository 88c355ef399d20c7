using System.Security.Cryptography;
using System.Text;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Digest.Approval;
using LearningBot.Privacy;

namespace LearningBot.Digest;

/// <summary>What the item form sent: a team item's category, the words and who it is for.</summary>
public sealed record DigestItemAnswers(string Category, string Headline, string Text, string Link, string OrganisationKind);

/// <summary>
/// The editor's presses on an edition: move, edit, remove and add items. Every press carries the version its card showed
/// and changes only that version, writing an audit line with the change; the card comes back updated. A press from an
/// older card changes nothing and shows the latest with <see cref="ConflictNote"/>, except the same press again (a double
/// press, or Teams delivering it twice), which finds its own change and shows it quietly.
/// </summary>
public sealed class DigestEditing(DigestEditionStore store, DigestCards cards, TimeProvider clock)
{
    public const string ConflictNote =
        "This edition was changed (by you on another device, or by another editor) after this card was shown, so that press changed nothing. Here is the latest version.";

    public const string SaveConflictNote =
        "This edition was changed after this form was shown, so nothing was saved yet. Your words are below: press Save again to save them into the latest version.";

    public const string Gone = "I can't find that edition. Type \"start digest\" to begin one.";

    public const string ItemGone = "That item is no longer in the edition, so nothing was changed. Here is the latest version.";

    public const string Full = "The edition is full, so the item was not added: remove an item first, or shorten some.";

    private enum Outcome
    {
        Changed,
        Unchanged,
        Repeated,
        Conflict,
        NotEditable,
        ItemGone,
        Full,
    }

    public static string NotEditable(DigestEdition edition) => $"{edition.Title} can no longer be changed here: it is past the draft stage.";

    public async Task<CardActionResult> OpenAsync(ITurnContext turn, CardActionRequest action) =>
        await store.FindAsync(action.GetInt("number") ?? 0, turn.Aborted) is { } edition
            ? CardActionResult.Replace(cards.Edition(edition, action.GetInt("page") ?? 1))
            : CardActionResult.Message(Gone);

    public async Task<CardActionResult> PreviewAsync(ITurnContext turn, CardActionRequest action) =>
        await store.FindAsync(action.GetInt("number") ?? 0, turn.Aborted) is { } edition
            ? CardActionResult.Replace(cards.Reader(edition, isPreview: true))
            : CardActionResult.Message(Gone);

    /// <summary>Moves the item one place up (<paramref name="by"/> −1) or down (+1); at either end nothing moves.</summary>
    public Task<CardActionResult> MoveAsync(ITurnContext turn, CardActionRequest action, int by) =>
        PressAsync(turn, action, (edition, itemId) =>
        {
            var items = edition.Items.ToList();
            var from = items.FindIndex(item => item.Id == itemId);
            if (from < 0)
            {
                return (Outcome.ItemGone, null);
            }

            var to = from + by;
            if (to < 0 || to >= items.Count)
            {
                return (Outcome.Unchanged, null);
            }

            (items[from], items[to]) = (items[to], items[from]);
            return (Outcome.Changed, new(edition.WithItems(items), DigestAuditActions.Moved, $"Moved item {itemId} ({items[to].Kind}) from place {from + 1} to {to + 1}."));
        },
        (edition, itemId) => DigestCards.PageOf(edition, itemId));

    public Task<CardActionResult> RemoveAsync(ITurnContext turn, CardActionRequest action) =>
        PressAsync(turn, action, (edition, itemId) =>
        {
            var items = edition.Items.ToList();
            var index = items.FindIndex(item => item.Id == itemId);
            if (index < 0)
            {
                return (Outcome.ItemGone, null);
            }

            var removed = items[index];
            items.RemoveAt(index);
            return (Outcome.Changed, new(edition.WithItems(items), DigestAuditActions.Removed, $"Removed item {itemId} ({removed.Kind}, source {removed.SourceId}) from place {index + 1}."));
        },
        (_, _) => action.GetInt("page") ?? 1);

    /// <summary>The form to edit the item (or, with no item, to add a team item), at the edition's latest version.</summary>
    public async Task<CardActionResult> FormAsync(ITurnContext turn, CardActionRequest action, bool adding)
    {
        var edition = await store.FindAsync(action.GetInt("number") ?? 0, turn.Aborted);
        if (edition is null)
        {
            return CardActionResult.Message(Gone);
        }

        var page = action.GetInt("page") ?? 1;
        if (!DigestReapproval.AllowsChanges(edition.Status))
        {
            return CardActionResult.Replace(cards.Edition(edition, page, NotEditable(edition)));
        }

        if (adding)
        {
            return CardActionResult.Replace(cards.ItemForm(edition, null, page));
        }

        var item = edition.Items.FirstOrDefault(i => i.Id == action.GetString("itemId"));
        return item is null
            ? CardActionResult.Replace(cards.Edition(edition, page, ItemGone))
            : CardActionResult.Replace(cards.ItemForm(edition, item, page));
    }

    /// <summary>
    /// Saves the form: checked against the form as it was shown (the card's own rules and the link), then scrubbed; when
    /// the scrubber removed anything the form comes back showing where, and the second press saves it.
    /// </summary>
    public async Task<CardActionResult> SaveAsync(ITurnContext turn, CardActionRequest action)
    {
        var edition = await store.FindAsync(action.GetInt("number") ?? 0, turn.Aborted);
        if (edition is null)
        {
            return CardActionResult.Message(Gone);
        }

        var page = action.GetInt("page") ?? 1;
        var itemId = action.GetString("itemId") ?? string.Empty;
        var adding = itemId.Length == 0;
        var item = adding ? null : edition.Items.FirstOrDefault(i => i.Id == itemId);
        if (!adding && item is null)
        {
            return CardActionResult.Replace(cards.Edition(edition, page, ItemGone));
        }

        var form = cards.ItemForm(edition, item, page);
        if (CardSubmission.Refusal(form, action.Submitted(), alsoWrong: LinkProblems(action)) is { } refusal)
        {
            return refusal;
        }

        var today = UkTime.Today(clock);
        var (headline, text, link) = (Typed(action, "headline", today), Typed(action, "text", today), Typed(action, "link", today));
        var kind = action.GetString("organisationKind") is { } chosen && chosen != DigestCards.Everyone ? chosen : string.Empty;
        var category = adding ? action.GetString("category") ?? string.Empty : item!.Category;
        var answers = new DigestItemAnswers(category, headline.Text, text.Text, link.Text, kind.Length == 0 ? DigestCards.Everyone : kind);
        if (headline.WasScrubbed || text.WasScrubbed || link.WasScrubbed)
        {
            var removed = PersonalDataScrubber.DescribeAll([.. headline.Removed, .. text.Removed, .. link.Removed]);
            return CardActionResult.Replace(cards.ItemForm(edition, item, page, removed: removed, answers: answers));
        }

        var newItem = adding ? DigestItem.Of(DigestItemKinds.TeamItem, string.Empty, headline, text, link, kind, category) : null;
        return await PressAsync(turn, action, (current, id) =>
        {
            var items = current.Items.ToList();
            if (newItem is not null)
            {
                items.Insert(InsertionPoint(items, DigestItemKinds.TeamItem), newItem);
                return DigestEdition.Fits(items)
                    ? (Outcome.Changed, new(current.WithItems(items), DigestAuditActions.Added, $"Added item {newItem.Id} ({newItem.Kind}, {category})."))
                    : (Outcome.Full, null);
            }

            var index = items.FindIndex(i => i.Id == id);
            if (index < 0)
            {
                return (Outcome.ItemGone, null);
            }

            items[index] = items[index].Edited(headline, text, link, kind);
            return DigestEdition.Fits(items)
                ? (Outcome.Changed, new(current.WithItems(items), DigestAuditActions.Edited, $"Edited item {id} ({items[index].Kind})."))
                : (Outcome.Full, null);
        },
        (current, id) => DigestCards.PageOf(current, newItem?.Id ?? id),
        onConflict: latest => latest.Items.Any(i => i.Id == itemId) || adding
            ? cards.ItemForm(latest, adding ? null : latest.Items.First(i => i.Id == itemId), page, notice: SaveConflictNote, answers: answers)
            : null);
    }

    /// <summary>Where an item of <paramref name="kind"/> goes: after the last item of its section or of any section before it.</summary>
    public static int InsertionPoint(IReadOnlyList<DigestItem> items, string kind)
    {
        var order = DigestItemKinds.OrderOf(kind);
        var last = -1;
        for (var i = 0; i < items.Count; i++)
        {
            if (DigestItemKinds.OrderOf(items[i].Kind) <= order)
            {
                last = i;
            }
        }

        return last + 1;
    }

    private async Task<CardActionResult> PressAsync(
        ITurnContext turn,
        CardActionRequest action,
        Func<DigestEdition, string, (Outcome, DigestEditionChange?)> apply,
        Func<DigestEdition, string, int> pageAfter,
        Func<DigestEdition, System.Text.Json.Nodes.JsonObject?>? onConflict = null)
    {
        var number = action.GetInt("number") ?? 0;
        var shown = action.GetInt("version") ?? 0;
        var itemId = action.GetString("itemId") ?? string.Empty;
        var press = PressKey(action, shown);
        var now = clock.GetUtcNow();
        var outcome = Outcome.Unchanged;
        var change = await store.ChangeAsync(number, turn.Caller.PersonKey ?? "unknown", current =>
        {
            if (!DigestReapproval.AllowsChanges(current.Status))
            {
                outcome = Outcome.NotEditable;
                return null;
            }

            if (current.Version != shown)
            {
                outcome = current.LastPress == press ? Outcome.Repeated : Outcome.Conflict;
                return null;
            }

            (outcome, var decided) = apply(current, itemId);
            return decided is null ? null : DigestReapproval.AfterChange(current, decided with { Edition = decided.Edition.Changed(press, now) });
        }, turn.Aborted);

        if (change is null)
        {
            return CardActionResult.Message(Gone);
        }

        var edition = change.Entity;
        var page = action.GetInt("page") ?? 1;
        return outcome switch
        {
            Outcome.Changed or Outcome.Repeated => CardActionResult.Update(cards.Edition(edition, pageAfter(edition, itemId))),
            Outcome.Conflict when onConflict?.Invoke(edition) is { } form => CardActionResult.Replace(form),
            Outcome.Conflict => CardActionResult.Replace(cards.Edition(edition, page, ConflictNote)),
            Outcome.NotEditable => CardActionResult.Replace(cards.Edition(edition, page, NotEditable(edition))),
            Outcome.ItemGone => CardActionResult.Replace(cards.Edition(edition, page, ItemGone)),
            Outcome.Full => CardActionResult.Replace(cards.Edition(edition, page, Full)),
            _ => CardActionResult.Replace(cards.Edition(edition, page)),
        };
    }

    /// <summary>The press in a few characters: its verb, item, the version shown and a digest of its answers.</summary>
    private static string PressKey(CardActionRequest action, int shown)
    {
        var answers = string.Join('\u001f', new[] { "itemId", "category", "headline", "text", "link", "organisationKind" }.Select(name => action.GetString(name) ?? string.Empty));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(answers)))[..16];
        return $"{action.Verb}|{shown}|{hash}";
    }

    private static ScrubbedText Typed(CardActionRequest action, string input, DateOnly today) =>
        PersonalDataScrubber.Scrub((action.GetString(input) ?? string.Empty).Trim(), today);

    private static IEnumerable<CardInputProblem> LinkProblems(CardActionRequest action)
    {
        if (action.GetString("link") is { Length: > 0 } link
            && !(Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            yield return new CardInputProblem("link", "Not a web address.", "Please give a web address starting https://, or leave it empty.");
        }
    }
}
