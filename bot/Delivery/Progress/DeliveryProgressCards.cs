using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Privacy;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// Words and card for a delivery's progress: the one line of counts while it runs, and the summary when it has
/// finished. Counts here are shown only to whoever started the delivery. Only an announcement's requester is always in
/// the L&amp;D Support Team (every announcement route needs it) and sees exact figures, the breakdown and the report;
/// anyone else (a digest editor, for one) sees the small-numbers rule: 1 to 4 read "fewer than 5", what was sent and
/// what was not are the only two figures, so neither can be worked out from the other, and there is no report link.
/// </summary>
public sealed class DeliveryProgressCards(CardCatalog cards, ReportLinks links, IOptions<DeliveryProgressOptions> options)
{
    private const string Dot = " · ";

    /// <summary>
    /// The card for <paramref name="progress"/>. <paramref name="unreachableByReason"/> (from the delivery report) breaks
    /// the unreachable count down in a finished card; without it the summary gives the total only.
    /// </summary>
    public JsonObject Render(DeliveryProgress progress, IReadOnlyDictionary<string, int>? unreachableByReason = null, string notice = "")
    {
        ArgumentNullException.ThrowIfNull(progress);
        var finished = IsFinished(progress);
        var exact = ShowsExactCounts(progress.Purpose);
        return cards.Render(new DeliveryProgressCardData(
            progress.DeliveryId,
            Title(progress.Purpose),
            Headline(progress),
            notice,
            exact ? Counts(progress) : BandedCounts(progress),
            Running: !finished,
            Finished: finished,
            !finished ? [] : exact ? Summary(progress, unreachableByReason) : BandedSummary(progress),
            finished && exact && !progress.LedgerRemoved ? links.Create(progress.DeliveryId)?.AbsoluteUri ?? string.Empty : string.Empty,
            Duration(options.Value.ReportLinkLifetime),
            progress.LedgerRemoved ? RemovedLedger.Sentence(progress) : string.Empty));
    }

    /// <summary>True when the requester of a delivery for <paramref name="purpose"/> is always in the L&amp;D Support Team.</summary>
    public static bool ShowsExactCounts(string purpose) => purpose == "announcement";

    public static bool IsFinished(DeliveryProgress progress) => progress.Status != DeliveryStatuses.Sending;

    /// <summary>What the card shows, in short: the card is updated only when this changes.</summary>
    public static string Fingerprint(DeliveryProgress progress) =>
        IsFinished(progress)
            ? $"{progress.Status}{(progress.LedgerRemoved ? "|removed" : string.Empty)}"
            : string.Join('|', progress.Total, progress.Sent, progress.Unreachable, progress.Failed, progress.Cancelled, TimeLeft(progress.EstimatedRemaining));

    public static string Title(string purpose) => purpose switch
    {
        "announcement" => "Your announcement",
        "digest" => "Your learning digest",
        _ => $"Your delivery: {purpose.Replace('-', ' ')}",
    };

    public static string Headline(DeliveryProgress progress) => progress.Status switch
    {
        DeliveryStatuses.Completed => "Finished",
        DeliveryStatuses.Cancelled => "Cancelled: nothing more will be sent",
        _ when progress.Sent + progress.Unreachable + progress.Failed == 0 => "Starting to send",
        _ => "Sending now",
    };

    /// <summary>"Sent to 4,210 of 11,000 · 12 unreachable · 0 failed · about 3 minutes left".</summary>
    public static string Counts(DeliveryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var parts = new List<string>
        {
            $"Sent to {Number(progress.Sent)} of {Number(progress.Total)}",
            $"{Number(progress.Unreachable)} unreachable",
            $"{Number(progress.Failed)} failed",
        };
        if (progress.Cancelled > 0)
        {
            parts.Add($"{Number(progress.Cancelled)} cancelled");
        }

        if (!IsFinished(progress))
        {
            parts.Add(TimeLeft(progress.EstimatedRemaining));
        }

        return string.Join(Dot, parts);
    }

    /// <summary>
    /// "Sent to 4,210 of 11,000 people (38%) · fewer than 5 not reached · about 3 minutes left"; once finished, what was
    /// not sent (unreachable, failed and cancelled together) in place of what was not reached.
    /// </summary>
    public static string BandedCounts(DeliveryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var finished = IsFinished(progress);
        var parts = new List<string>
        {
            $"Sent to {SentOf(progress)}",
            finished ? $"{SmallNumbers.Number(progress.Total - progress.Sent)} not sent" : $"{SmallNumbers.Number(progress.Unreachable + progress.Failed)} not reached",
        };
        if (!finished)
        {
            parts.Add(TimeLeft(progress.EstimatedRemaining));
        }

        return string.Join(Dot, parts);
    }

    private static string SentOf(DeliveryProgress progress) =>
        SmallNumbers.Share(progress.Sent, progress.Total, "people") ?? $"{SomeOf(progress)} (fewer than {SmallNumbers.Threshold.ToString(CultureInfo.InvariantCulture)} people)";

    /// <summary>How much of an audience under the threshold was sent to, in words: the audience's size is never shown.</summary>
    private static string SomeOf(DeliveryProgress progress) =>
        progress.Sent == progress.Total ? "everyone" : progress.Sent == 0 ? "nobody" : "some of them";

    private static List<DeliverySummaryFact> BandedSummary(DeliveryProgress progress)
    {
        var facts = new List<DeliverySummaryFact>
        {
            new("Sent", SentOf(progress)),
            new("Not sent", SmallNumbers.Number(progress.Total - progress.Sent)),
        };
        if (progress.FinishedAt is { } finishedAt)
        {
            facts.Add(new("Time taken", Duration(finishedAt - progress.StartedAt)));
        }

        return facts;
    }

    public static string TimeLeft(TimeSpan? remaining) => remaining switch
    {
        null => "working out how long it will take",
        { TotalSeconds: < 60 } => "less than a minute left",
        { TotalMinutes: < 1.5 } => "about a minute left",
        { TotalMinutes: < 90 } r => $"about {Number((int)Math.Round(r.TotalMinutes))} minutes left",
        var r => $"about {Number((int)Math.Round(r.Value.TotalHours))} hours left",
    };

    public static string Number(int count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"3 minutes 52 seconds", "2 hours 5 minutes", "40 seconds".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span.TotalDays >= 1)
        {
            return Plural((int)span.TotalDays, "day") + (span.Hours > 0 ? " " + Plural(span.Hours, "hour") : string.Empty);
        }

        if (span.TotalHours >= 1)
        {
            return Plural((int)span.TotalHours, "hour") + (span.Minutes > 0 ? " " + Plural(span.Minutes, "minute") : string.Empty);
        }

        return span.TotalMinutes >= 1
            ? Plural(span.Minutes, "minute") + (span.Seconds > 0 ? " " + Plural(span.Seconds, "second") : string.Empty)
            : Plural(Math.Max(span.Seconds, 0), "second");
    }

    private static List<DeliverySummaryFact> Summary(DeliveryProgress progress, IReadOnlyDictionary<string, int>? byReason)
    {
        var facts = new List<DeliverySummaryFact> { new("Sent", Number(progress.Sent)) };
        if (byReason is null)
        {
            facts.Add(new("Unreachable", Number(progress.Unreachable)));
        }
        else
        {
            var withoutTeams = byReason.GetValueOrDefault(UnreachableReasons.NoTeams);
            facts.Add(new("Without Teams", $"{Number(withoutTeams)}: counted for the printed edition"));
            var others = byReason.Where(pair => pair.Key != UnreachableReasons.NoTeams && pair.Value > 0)
                .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
            var total = others.Sum(pair => pair.Value);
            facts.Add(new("Not reachable in Teams", total == 0
                ? "0"
                : $"{Number(total)}: {string.Join(", ", others.Select(pair => UnreachableReasons.Describe(pair.Key, pair.Value)))}"));
        }

        facts.Add(new("Failed", Number(progress.Failed)));
        facts.Add(new("Cancelled", Number(progress.Cancelled)));
        if (progress.FinishedAt is { } finishedAt)
        {
            facts.Add(new("Time taken", Duration(finishedAt - progress.StartedAt)));
        }

        return facts;
    }

    private static string Plural(int count, string unit) => $"{Number(count)} {unit}{(count == 1 ? string.Empty : "s")}";
}
