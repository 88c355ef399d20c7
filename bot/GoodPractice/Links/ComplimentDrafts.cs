using Azure;
using LearningBot.Calendar;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.GoodPractice.Links;

/// <summary>
/// Turns a compliment leads suggested for the exchange (<see cref="GoodPracticeSuggestions"/>) into a draft example
/// entered on behalf of the L&amp;D Support Team, once per compliment: the draft's id comes from the compliment's, so a
/// second press (or a second editor) finds the same draft. It starts with the compliment's theme as its topic, where it
/// came from, its organisation kind, and its scrubbed wording as what changed; the editor completes and sends it through
/// the usual sharing card.
/// </summary>
public sealed class ComplimentDrafts(GoodPracticeSuggestions suggestions, GoodPracticeStore store, TimeProvider clock)
{
    /// <summary>How an example drafted from a compliment reached the L&amp;D Support Team (<see cref="GoodPracticeChoices.ReceivedBy"/>).</summary>
    public const string FromCompliment = "compliment";

    /// <summary>How far back the editors' list of suggested compliments goes.</summary>
    public static readonly TimeSpan ListedFor = TimeSpan.FromDays(90);

    public const int MaxListed = 10;

    /// <summary>The draft example's id for a compliment: the same every time.</summary>
    public static string DraftIdOf(string signalId) => StableKey.Of($"compliment|{signalId}", 32);

    /// <summary>The suggestions of the last <see cref="ListedFor"/>, newest first, each with its draft when one was started.</summary>
    public async Task<IReadOnlyList<(GoodPracticeSuggestion Suggestion, GoodPracticeExample? Draft)>> ListAsync(CancellationToken cancellationToken)
    {
        var listed = (await suggestions.ListSinceAsync(clock.GetUtcNow() - ListedFor, cancellationToken)).Take(MaxListed).ToList();
        var drafts = await Task.WhenAll(listed.Select(suggestion => store.FindAsync(DraftIdOf(suggestion.SignalId), cancellationToken)));
        return [.. listed.Select((suggestion, i) => (suggestion, drafts[i]))];
    }

    /// <summary>The compliment's draft, made now by <paramref name="editorKey"/> unless it was made already; null when there is no such suggestion.</summary>
    public async Task<GoodPracticeExample?> DraftAsync(string signalId, string editorKey, string editorName, CancellationToken cancellationToken)
    {
        var id = DraftIdOf(signalId);
        if (await store.FindAsync(id, cancellationToken) is { } existing)
        {
            return existing;
        }

        if (await suggestions.FindAsync(signalId, cancellationToken) is not { } suggestion)
        {
            return null;
        }

        try
        {
            return await store.AddAsync(Draft(id, suggestion, editorKey, editorName), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            // Another press made it first: that one is the draft.
            return await store.FindAsync(id, cancellationToken);
        }
    }

    private GoodPracticeExample Draft(string id, GoodPracticeSuggestion suggestion, string editorKey, string editorName)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(now);
        var theme = SignalThemes.LabelOf(suggestion.Theme);
        var where = SignalChoices.ServiceAreas.TitleOf(suggestion.ServiceArea);
#pragma warning disable LB0001 // The suggestion's wording was stored scrubbed; it is scrubbed again as it becomes the example's.
        var wording = PersonalDataScrubber.Scrub(suggestion.Wording, today).Truncate(GoodPracticeChoices.StoryLimit);
#pragma warning restore LB0001
        var title = PersonalDataScrubber.Scrub($"{theme}: {where}", today).Truncate(GoodPracticeChoices.ShortLimit);
        var givenBy = PersonalDataScrubber.Scrub(
            $"A compliment from {SignalChoices.Sources.TitleOf(suggestion.Source)}, {MonthInWords(suggestion.Month)}, suggested by a lead", today).Truncate(GoodPracticeChoices.ShortLimit);
        var topics = GoodPracticeChoices.Topics.Any(topic => topic.Value == suggestion.Theme) ? suggestion.Theme : string.Empty;
        return GoodPracticeExample.Start(id, editorKey, editorName, now)
            .EnteredFor(FromCompliment, givenBy)
            .WithStory(title, ScrubbedText.Empty, ScrubbedText.Empty)
            .WithResults(wording, ScrubbedText.Empty) with
        {
            OrganisationKind = suggestion.OrganisationKind,
            Topics = topics,
        };
    }

    private static string MonthInWords(string month) => YouSaidWeDidFeature.MonthInWords(month);
}
