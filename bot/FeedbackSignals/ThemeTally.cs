using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>A signal's kind (<see cref="SignalChoices.Kinds"/>).</summary>
public static class FeedbackSignalKinds
{
    public const string Concern = "concern";
    public const string Compliment = "compliment";
}

/// <summary>One accepted signal as its theme counted it.</summary>
public sealed record CountedSignal(string Id, string Month, string Kind, string Source, bool Urgent);

/// <summary>
/// A theme (theme id x service area x organisation kind) in table <c>SignalThemes</c>: one row, keyed by the three, holding
/// the accepted signals it counted (by id, so a signal counts once), per-month counts, the sources seen, whether any was
/// urgent, up to <see cref="MaxExamples"/> example wordings, and its alert crossings.
/// </summary>
public sealed record ThemeTally : TableRow
{
    public const string Partition = "theme";
    public const int MaxExamples = 3;

    public string Theme { get; init; } = string.Empty;

    public string ServiceArea { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>The signals counted, as JSON (<see cref="CountedSignal"/>); read with <see cref="Signals"/>.</summary>
    public string Counted { get; init; } = "[]";

    /// <summary>Per month (<c>yyyy-MM</c>): concerns and compliments, as JSON.</summary>
    public string Months { get; init; } = "{}";

    /// <summary>The sources seen, comma-separated.</summary>
    public string Sources { get; init; } = string.Empty;

    public bool Urgent { get; init; }

    /// <summary>Scrubbed notes of accepted signals (already scrubbed when stored on the signal), as a JSON list.</summary>
    public string Examples { get; init; } = "[]";

    /// <summary>How many times the theme has crossed the alert rule.</summary>
    public int Crossings { get; init; }

    /// <summary>Whether the theme is over the rule now (an alert was raised for this crossing).</summary>
    public bool InAlert { get; init; }

    /// <summary>The alert of the latest crossing.</summary>
    public string? AlertId { get; init; }

    public IReadOnlyList<CountedSignal> Signals() => JsonSerializer.Deserialize<List<CountedSignal>>(Counted) ?? [];

    public IReadOnlyList<string> ExampleWordings() => JsonSerializer.Deserialize<List<string>>(Examples) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<string> SourceIds => Sources.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static ThemeTally For(FeedbackSignal signal)
    {
        var key = $"{signal.Theme}|{signal.ServiceArea}|{signal.OrganisationKind}";
        return new ThemeTally
        {
            PartitionKey = Partition,
            RowKey = TableKeys.Encode(key),
            Theme = signal.Theme,
            ServiceArea = signal.ServiceArea,
            OrganisationKind = signal.OrganisationKind,
        };
    }

    /// <summary>This theme with the signal counted in (unchanged when it already was).</summary>
    public ThemeTally WithCounted(FeedbackSignal signal)
    {
        var signals = Signals().ToList();
        if (signals.Any(s => s.Id == signal.Id))
        {
            return this;
        }

        signals.Add(new CountedSignal(signal.Id, signal.MonthLogged, signal.Kind, signal.Source, signal.Urgent));
        var months = signals.GroupBy(s => s.Month).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => new { concerns = g.Count(s => s.Kind == FeedbackSignalKinds.Concern), compliments = g.Count(s => s.Kind == FeedbackSignalKinds.Compliment) });
        var examples = ExampleWordings().ToList();
#pragma warning disable LB0001 // Reading the note to quote it: it was stored scrubbed and a moderator accepted it.
        if (examples.Count < MaxExamples && signal.Note.Length > 0)
        {
            examples.Add(signal.Note);
        }
#pragma warning restore LB0001

        return this with
        {
            Counted = JsonSerializer.Serialize(signals),
            Months = JsonSerializer.Serialize(months),
            Sources = string.Join(',', signals.Select(s => s.Source).Distinct().Order(StringComparer.Ordinal)),
            Urgent = signals.Any(s => s.Urgent),
            Examples = JsonSerializer.Serialize(examples),
        };
    }

    /// <summary>The signals logged in a month that ends within the window.</summary>
    public IReadOnlyList<CountedSignal> WithinWindow(int windowDays, DateTimeOffset now) =>
        [.. Signals().Where(s => MonthEnd(s.Month) >= now.AddDays(-windowDays))];

    public IReadOnlyList<CountedSignal> ConcernsWithin(int windowDays, DateTimeOffset now) =>
        [.. WithinWindow(windowDays, now).Where(s => s.Kind == FeedbackSignalKinds.Concern)];

    /// <summary>Whether the theme is over the alert rule now.</summary>
    public bool Crosses(SignalAlertOptions rule, DateTimeOffset now)
    {
        var concerns = ConcernsWithin(rule.WindowDays, now);
        return (rule.UrgentAlertsAtOnce && concerns.Any(s => s.Urgent))
            || (concerns.Count >= rule.MinConcerns && concerns.Select(s => s.Source).Distinct().Count() >= rule.MinSources);
    }

    /// <summary>This theme with its alert state brought up to date: a new crossing gets a new alert id; falling under the rule ends the crossing.</summary>
    public ThemeTally WithAlertState(SignalAlertOptions rule, DateTimeOffset now)
    {
        var crosses = Crosses(rule, now);
        if (crosses == InAlert)
        {
            return this;
        }

        return crosses
            ? this with { InAlert = true, Crossings = Crossings + 1, AlertId = AlertIdFor(RowKey, Crossings + 1) }
            : this with { InAlert = false };
    }

    /// <summary>The alert of a theme's nth crossing: 32 hex digits of SHA-256, the same however often it is worked out.</summary>
    public static string AlertIdFor(string themeKey, int crossing) =>
        StableKey.Of(string.Create(CultureInfo.InvariantCulture, $"{themeKey}\n{crossing}"), 32);

    private static DateTimeOffset MonthEnd(string month) =>
        DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var first)
            ? new DateTimeOffset(first, TimeSpan.Zero).AddMonths(1)
            : DateTimeOffset.MinValue;
}
