using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>The themes a signal can be merged into: those already counted for its organisation kind (table <c>SignalThemes</c>).</summary>
public sealed class ThemeMergeChoices(TableStorage tables)
{
    private readonly LazyTable _themes = tables.Table(SignalAlerts.ThemesTable);

    /// <summary>The themes of <paramref name="organisationKind"/> that have counted a signal, in the order they read.</summary>
    public async Task<IReadOnlyList<ThemeTally>> ForAsync(string organisationKind, CancellationToken cancellationToken)
    {
        var table = await _themes.GetAsync(cancellationToken);
        var rows = await table.ListAsync<ThemeTally>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ThemeTally.Partition} and OrganisationKind eq {organisationKind}"), cancellationToken: cancellationToken);
        return [.. rows.Where(theme => theme.Signals().Count > 0).OrderBy(Describe, StringComparer.Ordinal)];
    }

    /// <summary>"Dementia, Inpatient wards: concerns fewer than 5, compliments fewer than 5": counts only as bands.</summary>
    public static string Describe(ThemeTally theme)
    {
        var signals = theme.Signals();
        var concerns = signals.Count(s => s.Kind == FeedbackSignalKinds.Concern);
        var compliments = signals.Count(s => s.Kind == FeedbackSignalKinds.Compliment);
        return $"{ThemeChoices.All.TitleOf(theme.Theme)}, {SignalChoices.ServiceAreas.TitleOf(theme.ServiceArea)}: "
            + $"concerns {CountBands.InWords(concerns)}, compliments {CountBands.InWords(compliments)}";
    }
}
