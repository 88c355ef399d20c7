using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.Digest.Archive;

/// <summary>
/// The archive: anyone lists the sent editions (<c>past digests</c>, or "Past editions" on the reader card), opens one
/// (<c>digest 7</c>), and searches their items (<c>search digest mentoring</c>). Only sent editions are ever listed, opened
/// or searched. <c>digest</c> on its own still opens the latest sent edition.
/// </summary>
public sealed class DigestArchiveFeature(DigestArchive archive, DigestArchiveCards archiveCards, DigestEditionStore store, DigestCards cards) : IBotFeature
{
    public const string WordsInputId = "words";

    public const string HowToOpen =
        "To open a past edition, type **digest** and its number, for example **digest 7**. To look through them all, type **past digests**. To search them, type **search digest** and a word or two.";

    public void MapRoutes(BotRoutes routes) =>
        routes
            .OnCommandWithArgument(OpenTypedAsync, "digest", "digest edition")
            .OnCommand(async turn => await turn.SendCardAsync(await ArchiveAsync(1, turn.Aborted)), "past digests", "digest archive", "past editions", "past digest editions", "past newsletters", "old newsletters", "newsletter archive")
            .OnCommandWithArgument(async (turn, words) => await turn.SendCardAsync(await SearchAsync(words, turn.Aborted)), "search digest", "search the digest", "search digests")
            .OnCardAction(DigestArchiveVerbs.Archive, async (turn, action) => CardActionResult.Replace(await ArchiveAsync(action.GetInt("page") ?? 1, turn.Aborted)))
            .OnCardAction(DigestArchiveVerbs.OpenEdition, OpenPressedAsync)
            .OnCardAction(DigestArchiveVerbs.Search, SearchPressedAsync);

    /// <summary><c>digest</c> alone: the latest sent edition; <c>digest 7</c> or <c>digest edition 7</c>: edition 7 if it has been sent.</summary>
    private async Task OpenTypedAsync(ITurnContext turn, string argument)
    {
        if (argument.Length == 0)
        {
            await turn.SendCardAsync(await store.LatestSentAsync(turn.Aborted) is { } latest ? cards.Reader(latest, isPreview: false) : new CardReply(cards.NoneSent()));
            return;
        }

        if (NumberIn(argument) is not { } number)
        {
            await turn.SendTextAsync(HowToOpen);
            return;
        }

        var (card, refusal) = await OpenAsync(number, turn.Aborted);
        await (card is null ? turn.SendTextAsync(refusal) : turn.SendCardAsync(card));
    }

    private async Task<CardActionResult> OpenPressedAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetInt("number") is not { } number)
        {
            return CardActionResult.Message(HowToOpen);
        }

        var (card, refusal) = await OpenAsync(number, turn.Aborted);
        return card is null ? CardActionResult.Message(refusal) : CardActionResult.Replace(card);
    }

    private async Task<CardActionResult> SearchPressedAsync(ITurnContext turn, CardActionRequest action)
    {
        var words = action.GetString(WordsInputId)?.Trim() ?? string.Empty;
        var form = await ArchiveAsync(action.GetInt("page") ?? 1, turn.Aborted);
        if (CardSubmission.Refusal(form, action.Submitted()) is { } refusal)
        {
            return refusal;
        }

        return CardActionResult.Replace(await SearchAsync(words, turn.Aborted));
    }

    /// <summary>The reader's card for a sent edition, read from the table itself (not the copy), so an edition just sent opens at once.</summary>
    private async Task<(CardReply? Card, string Refusal)> OpenAsync(int number, CancellationToken cancellationToken) =>
        await store.FindAsync(number, cancellationToken) switch
        {
            { Status: DigestStatus.Sent } edition => (cards.Reader(edition, isPreview: false), string.Empty),
            null => (null, $"There is no edition {number} of the digest yet. To see the editions sent so far, type **past digests**."),
            _ => (null, $"Edition {number} of the digest has not been sent yet. To see the editions sent so far, type **past digests**."),
        };

    private async Task<JsonObject> ArchiveAsync(int page, CancellationToken cancellationToken, string notice = "") =>
        archiveCards.Archive((await archive.CurrentAsync(cancellationToken)).Editions, page, notice);

    private async Task<JsonObject> SearchAsync(string words, CancellationToken cancellationToken)
    {
        words = words.Trim();
        if (words.Length == 0)
        {
            return await ArchiveAsync(1, cancellationToken, "Type a word or two to search the past editions for.");
        }

        words = words.Length > 200 ? words[..200] : words;
        var found = (await archive.CurrentAsync(cancellationToken)).Search(words, DigestArchiveCards.MaxResults);
        return archiveCards.Results(words, found.Matches);
    }

    /// <summary>The edition number in "7", "edition 7", "#7" or "no. 7"; null when there is none.</summary>
    private static int? NumberIn(string argument)
    {
        var text = argument.Trim().TrimStart('#').Trim();
        foreach (var prefix in new[] { "edition", "number", "no.", "no", "#" })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..].Trim();
            }
        }

        return int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
    }
}
