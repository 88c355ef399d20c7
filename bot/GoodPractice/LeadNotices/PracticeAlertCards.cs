using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.Privacy;
using Microsoft.Extensions.Options;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>Renders the alert a lead gets of approved examples (one, or a weekly bundle), their saved examples, and the board's spread counts.</summary>
public sealed class PracticeAlertCards(CardCatalog cards, IOptions<GoodPracticeOptions> options)
{
    public const int LongestProblem = 280;

    /// <summary>The alert for a lead: one example straight away, or the week's bundle; <paramref name="notices"/> say what the lead has recorded on each.</summary>
    public JsonObject Alert(string bundle, IReadOnlyList<(GoodPracticeExample Example, LeadNotice Notice)> items, string notice = "") =>
        cards.Render(new GoodPracticeAlertCardData(
            bundle == LeadNotice.StraightAway ? "Good practice for you" : "Good practice for you this week",
            bundle == LeadNotice.StraightAway
                ? "A colleague elsewhere shared this and the good-practice editors checked it. It matches the topics in your lead entry."
                : "Colleagues elsewhere shared these and the good-practice editors checked them. They match the topics in your lead entry; the most relevant is first.",
            notice,
            [.. items.Select(item => Item(item.Example, item.Notice, bundle))]));

    /// <summary>The examples the person saved, newest first; one retired since stays, marked, without its buttons.</summary>
    public JsonObject Saved(IReadOnlyList<(GoodPracticeExample Example, LeadNotice Notice)> items, string notice = "") =>
        cards.Render(new GoodPracticeAlertCardData(
            "Your saved good practice",
            items.Count == 0
                ? "You have not saved any examples yet. Press Save for later on an example in a good-practice alert to keep it here."
                : items.Any(item => !IsOpen(item.Example))
                    ? "The examples you saved from your good-practice alerts. Examples retired since stay here, marked: they no longer collect responses."
                    : "The examples you saved from your good-practice alerts.",
            notice,
            [.. items.Select(item => Item(item.Example, item.Notice, item.Notice.SentIn ?? LeadNotice.StraightAway))]));

    public JsonObject Spread(IReadOnlyList<SpreadLine> examples, bool exact) =>
        cards.Render(new GoodPracticeSpreadCardData(
            (exact
                ? "For each approved example, how many people said they are trying it too, by kind of organisation. You see exact counts because you are in the L&D Support Team: do not pass on counts below 5."
                : "For each approved example, how many people said they are trying it too, by kind of organisation. Counts from 1 to 4 are shown as \"fewer than 5\" to protect anonymity.")
            + (examples.Any(e => e.Retired.Length > 0) ? " Examples retired since are listed last, marked: their counts stopped when they were retired." : string.Empty),
            examples));

    /// <summary>Whether the example still collects responses: only while it is approved.</summary>
    public static bool IsOpen(GoodPracticeExample example) => example?.Status == ExampleStatus.Approved;

    /// <summary>"Retired on 9 February 2029: no longer collecting responses." (or "No longer shared: …" for any other status).</summary>
    public static string RetiredLine(GoodPracticeExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (IsOpen(example))
        {
            return string.Empty;
        }

        return example.Status == ExampleStatus.Retired
            ? (example.DecidedAt is { } at ? $"Retired on {DateBounds.InWordsOf(UkTime.Today(at))}" : "Retired") + ": no longer collecting responses."
            : "No longer shared: no longer collecting responses.";
    }

    private PracticeAlertItem Item(GoodPracticeExample example, LeadNotice notice, string bundle)
    {
#pragma warning disable LB0001 // Showing leads the stored (scrubbed) text of an approved example.
        return new PracticeAlertItem(
            example.Id,
            bundle,
            CardText.Literal(example.Title),
            ExampleCredit.Line(example),
            CardText.Literal(Shorten(example.Problem)),
            CardText.Literal(Shorten(example.WhatChanged)),
            string.Join(", ", example.TopicIds.Select(SignalThemes.LabelOf)),
            Recorded(notice),
            ContactUrl(example),
            notice.NotForMe)
        {
            Retired = RetiredLine(example),
        };
#pragma warning restore LB0001
    }

    /// <summary>
    /// A chat with the author when they are credited by name and asked to be contacted themselves; otherwise the L&amp;D
    /// Support Team's contact (<see cref="GoodPracticeOptions.SupportTeamContact"/>), or empty when none is set.
    /// </summary>
    public string ContactUrl(GoodPracticeExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return example.Attribution == Attributions.NameAndOrganisation && example.Contact == GoodPracticeChoices.ContactMe && !example.EnteredOnBehalf
            && Guid.TryParse(example.ContributorKey, out var author)
            ? "https://teams.microsoft.com/l/chat/0/0?users=8:orgid:" + author.ToString("D", CultureInfo.InvariantCulture)
            : options.Value.SupportTeamContact;
    }

    /// <summary>What the person has recorded on the example, in words.</summary>
    public static string Recorded(LeadNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.NotForMe)
        {
            return "Not for you: you will hear less about these topics.";
        }

        var said = new List<string>();
        if (notice.TryingToo)
        {
            said.Add("you are trying this too");
        }

        if (notice.Useful)
        {
            said.Add("you found it useful");
        }

        if (notice.Saved)
        {
            said.Add("saved (type \"my saved practice\" to see it again)");
        }

        return said.Count == 0 ? string.Empty : "Recorded: " + string.Join("; ", said) + ".";
    }

    private static string Shorten(string text) =>
        text.Length <= LongestProblem ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', LongestProblem) is > 0 and var cut ? cut : LongestProblem), "…");
}

/// <summary>Data for <c>good-practice-alert</c>: one example or a bundle of them, each with the lead's reactions.</summary>
public sealed record GoodPracticeAlertCardData(string Heading, string Intro, string Notice, IReadOnlyList<PracticeAlertItem> Items) : ICardData
{
    public static string CardName => "good-practice-alert";
}

/// <summary>
/// One example in an alert. Typed text through <see cref="CardText.Literal"/>; <paramref name="Bundle"/> names the card it
/// is in, so a press brings the same card back; <paramref name="ContactUrl"/> is empty when there is no contact link;
/// <paramref name="NotForMe"/> offers to undo "not for me".
/// </summary>
public sealed record PracticeAlertItem(
    string ExampleId, string Bundle, string Title, string Organisation, string Problem, string WhatChanged, string Topics, string Recorded, string ContactUrl, bool NotForMe)
{
    /// <summary>Empty while the example is approved; otherwise the line saying it was retired, shown instead of the reactions.</summary>
    public string Retired { get; init; } = string.Empty;

    public bool IsOpen => Retired.Length == 0;
}

/// <summary>Data for <c>good-practice-spread</c>.</summary>
public sealed record GoodPracticeSpreadCardData(string Intro, IReadOnlyList<SpreadLine> Examples) : ICardData
{
    public static string CardName => "good-practice-spread";
}

/// <summary>
/// One example's "trying this too" counts, already in words as the audience may see them; <paramref name="Retired"/> is
/// empty for an approved example, otherwise the line saying when it was retired.
/// </summary>
public sealed record SpreadLine(string Title, string Total, IReadOnlyList<SpreadCount> Kinds, string Retired = "")
{
    /// <summary>
    /// The counts by kind of organisation: exact for the L&amp;D Support Team; otherwise 1 to 4 read "fewer than 5", and the
    /// total is given only as far as it reveals no small count.
    /// </summary>
    public static SpreadLine Of(string title, IReadOnlyList<(string Kind, int Count)> counts, bool exact, string retired = "")
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum(c => c.Count);
        var large = counts.Where(c => !SmallNumbers.IsSmall(c.Count)).Sum(c => c.Count);
        var totalText = exact || counts.All(c => !SmallNumbers.IsSmall(c.Count)) || SmallNumbers.IsSmall(total)
            ? (exact ? total.ToString(CultureInfo.InvariantCulture) : SmallNumbers.Number(total))
            : large > 0 ? $"at least {SmallNumbers.Number(large)}" : $"{SmallNumbers.Threshold} or more";
        return new(title, totalText, [.. counts.Select(c => new SpreadCount(
            SignalChoices.OrganisationKinds.TitleOf(c.Kind),
            exact ? c.Count.ToString(CultureInfo.InvariantCulture) : SmallNumbers.Number(c.Count)))], retired);
    }
}

public sealed record SpreadCount(string Kind, string Count);
