using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.Digest;

/// <summary>
/// <c>contribute to the newsletter</c> (anyone): a piece of 150 to 300 words, counted here whatever the card checked,
/// scrubbed (the card comes back showing what was removed before anything is stored), and kept for the next edition.
/// The card's id is the contribution's, so a second press of Send stores nothing more; a different piece sent from the
/// same card (by someone else in a chat, or by the same person again) is stored as a contribution of its own.
/// </summary>
public sealed class DigestContributing(DigestContributionStore contributions, DigestCards cards, TimeProvider clock)
{
    public const string Thanks =
        "Thank you: your piece has gone to the digest editor for the next edition. They may shorten it, and they will check it before anyone sees it.";

    public static string WordsProblem(int words) =>
        $"Your piece is {words} {(words == 1 ? "word" : "words")} long: please make it between {DigestLimits.ContributionMinWords} and {DigestLimits.ContributionMaxWords} words.";

    /// <summary>Whether the piece stored under the contribution's id is this one: the same press again.</summary>
    private async Task<bool> IsStoredAsync(DigestContribution contribution, CancellationToken cancellationToken) =>
        await contributions.FindAsync(contribution.Id, cancellationToken) is { } stored
        && stored.ContributorKey == contribution.ContributorKey && stored.Headline == contribution.Headline && stored.Text == contribution.Text;

    public System.Text.Json.Nodes.JsonObject NewCard() => cards.Contribute(Guid.NewGuid().ToString("N"));

    public async Task<CardActionResult> SendAsync(ITurnContext turn, CardActionRequest action)
    {
        var id = action.GetString("contributionId") is { Length: > 0 and <= 64 } given ? given : Guid.NewGuid().ToString("N");
        var words = DigestWords.Count(action.GetString("text"));
        IEnumerable<CardInputProblem> outOfRange = words is > 0 and (< DigestLimits.ContributionMinWords or > DigestLimits.ContributionMaxWords)
            ? [new CardInputProblem("text", "Outside the word range.", WordsProblem(words))]
            : [];
        if (CardSubmission.Refusal(cards.Contribute(id), action.Submitted(), alsoWrong: outOfRange) is { } refusal)
        {
            return refusal;
        }

        var today = UkTime.Today(clock);
        var headline = PersonalDataScrubber.Scrub(action.GetString("headline")?.Trim(), today);
        var text = PersonalDataScrubber.Scrub(action.GetString("text")?.Trim(), today);
        if (headline.WasScrubbed || text.WasScrubbed)
        {
            return CardActionResult.Replace(cards.Contribute(id, headline.Text, text.Text, removed: PersonalDataScrubber.DescribeAll([.. headline.Removed, .. text.Removed])));
        }

        var contributor = turn.Caller.PersonKey ?? "unknown";
        var contribution = DigestContribution.Of(id, contributor, headline, text, clock.GetUtcNow());
        if (!await contributions.AddAsync(contribution, turn.Aborted) && !await IsStoredAsync(contribution, turn.Aborted))
        {
            // The card's id holds another piece (someone else's from the same card in a chat, or another of theirs): this
            // one is a contribution of its own.
            await contributions.AddAsync(DigestContribution.Of(Guid.NewGuid().ToString("N"), contributor, headline, text, clock.GetUtcNow()), turn.Aborted);
        }

        return CardActionResult.Message(Thanks);
    }
}
