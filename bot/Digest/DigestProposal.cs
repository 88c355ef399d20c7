using System.Text.RegularExpressions;
using LearningBot.Calendar;
using LearningBot.FeedbackSignals;
using LearningBot.GoodPractice;
using LearningBot.GoodPractice.Links;
using LearningBot.Leads;
using LearningBot.OneStopShop.Answers;
using LearningBot.Privacy;

namespace LearningBot.Digest;

/// <summary>
/// The contents the bot proposes for an edition covering a period: newly approved good-practice examples, "you said, we
/// did" themes, new and updated knowledge-base articles, a Five Minute Review tip with the coverage headline, and the
/// contributions waiting (at most <see cref="DigestLimits.ContributionsProposed"/>, oldest first), in the newsletter's
/// section order. Every text is scrubbed again on the way in (scrubbed text scrubs to itself).
/// </summary>
public sealed partial class DigestProposal(
    GoodPracticeDigestCandidates goodPractice,
    YouSaidWeDidStore youSaidWeDid,
    KnowledgeArticleStore articles,
    DigestReviewTip reviewTip,
    DigestContributionStore contributions,
    TimeProvider clock)
{
    /// <summary>The proposed items for the period from <paramref name="since"/> to now, at most <see cref="DigestLimits.MaxItems"/>.</summary>
    public async Task<IReadOnlyList<DigestItem>> ProposeAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var today = UkTime.Today(clock);
        ScrubbedText Scrub(string text) => PersonalDataScrubber.Scrub(text, today);

        // The sources are independent reads: one turn waits for the slowest, not for all of them in a row.
        var examples = goodPractice.ListSinceAsync(since, cancellationToken);
        var records = youSaidWeDid.ListSinceAsync(since, cancellationToken);
        var changes = articles.ChangedSinceAsync(since, cancellationToken);
        var tip = reviewTip.ItemAsync(since, cancellationToken);
        var waiting = contributions.ListWaitingAsync(cancellationToken);
        await Task.WhenAll(examples, records, changes, tip, waiting);

        List<DigestItem> items = [];
        foreach (var example in await examples)
        {
            items.Add(DigestItem.Of(DigestItemKinds.GoodPractice, example.ExampleId, Scrub(Plain(example.Title)),
                Scrub($"{Plain(example.Summary)}\n{Plain(example.From)}"), ScrubbedText.Empty));
        }

        foreach (var record in await records)
        {
            var (done, link) = record.Shown();
            var where = string.Join(", ", new[] { SignalChoices.ServiceAreas.TitleOf(record.ServiceArea), SignalChoices.OrganisationKinds.TitleOf(record.OrganisationKind) }
                .Where(part => part.Length > 0));
            items.Add(DigestItem.Of(DigestItemKinds.YouSaidWeDid, record.AlertId, Scrub($"You said: {SignalThemes.LabelOf(record.Theme)}"),
                Scrub(where.Length > 0 ? $"{where}. We did: {done}" : $"We did: {done}"), Scrub(link)));
        }

        foreach (var change in await changes)
        {
#pragma warning disable LB0001 // The article's stored (scrubbed) title and summary, for everyone: articles are public.
            var (title, summary) = (change.Latest.Title, change.Latest.Summary);
#pragma warning restore LB0001
            items.Add(DigestItem.Of(DigestItemKinds.Article, change.Id, Scrub(change.IsNew ? $"New: {title}" : $"Updated: {title}"),
                Scrub($"{summary}\nAsk me about it: type {title}"), ScrubbedText.Empty));
        }

        items.Add(await tip);

        foreach (var contribution in (await waiting).Take(DigestLimits.ContributionsProposed))
        {
            items.Add(contribution.ToItem(today));
        }

        return [.. items.Select((item, index) => (item, index))
            .OrderBy(pair => DigestItemKinds.OrderOf(pair.item.Kind))
            .ThenBy(pair => pair.index)
            .Select(pair => pair.item)
            .Take(DigestLimits.MaxItems)];
    }

    /// <summary>Text a source made ready for a card (Markdown characters escaped by <c>CardText.Literal</c>), as it was typed.</summary>
    public static string Plain(string cardText) => LiteralEscape().Replace(cardText, "$1");

    [GeneratedRegex(@"\\([\\*_\[\]()#\-+!`~>|<{}.=])")]
    private static partial Regex LiteralEscape();
}
