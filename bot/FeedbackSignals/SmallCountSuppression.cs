using System.Globalization;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>One row of a report: what it is about and its figure.</summary>
public sealed record FigureRow<T>(T Key, int Figure);

/// <summary>A group of rows under a heading, such as one theme's.</summary>
public sealed record FigureGroup<T>(string Heading, IReadOnlyList<FigureRow<T>> Rows);

/// <summary>A group of rows as shown: the rows left in, and the group's total when it may be shown.</summary>
public sealed record ShownGroup<T>(string Heading, IReadOnlyList<FigureRow<T>> Rows, int? Total);

/// <summary>A report's rows as shown, the grand total when it may be shown, and how many rows were left out.</summary>
public sealed record ShownFigures<T>(IReadOnlyList<ShownGroup<T>> Groups, int? Total, int RowsLeftOut)
{
    /// <summary>What the foot of the report says about rows left out; empty when none were.</summary>
    public string Foot => RowsLeftOut switch
    {
        0 => string.Empty,
        >= SmallCountSuppression.Smallest => string.Create(CultureInfo.InvariantCulture, $"{RowsLeftOut} rows are not shown to protect anonymity."),
        _ => SmallCountSuppression.SomeRowsLeftOut,
    };
}

/// <summary>
/// The rule for figures shown outside the L&amp;D Support Team: a figure from 1 to 4 could point to the people behind it,
/// so a row whose figure is 1 to 4 is left out whole (its words too), and a total is shown only when none of the rows it
/// adds up was left out, so no left-out figure can be worked out by taking the rows shown from a total. How many rows
/// were left out is said only when that number is itself 5 or more. The L&amp;D Support Team sees every figure exactly.
/// </summary>
public static class SmallCountSuppression
{
    /// <summary>The small-numbers rule's threshold (<see cref="SmallNumbers"/>), the one used everywhere.</summary>
    public const int Smallest = SmallNumbers.Threshold;

    public const string SomeRowsLeftOut = "Some rows are not shown to protect anonymity.";

    /// <summary>Whether a figure could point to the people behind it (zero cannot: it is no one).</summary>
    public static bool IsTooSmall(int figure) => SmallNumbers.IsSmall(figure);

    /// <summary>
    /// The groups as shown: everything, with every total, when <paramref name="exact"/>; otherwise with the small rows left
    /// out, groups left with no rows dropped, and totals kept only where nothing they add up was left out.
    /// </summary>
    public static ShownFigures<T> Apply<T>(IReadOnlyList<FigureGroup<T>> groups, bool exact)
    {
        var shown = new List<ShownGroup<T>>();
        var leftOut = 0;
        foreach (var group in groups)
        {
            var rows = exact ? group.Rows : [.. group.Rows.Where(row => !IsTooSmall(row.Figure))];
            var missing = group.Rows.Count - rows.Count;
            leftOut += missing;
            if (rows.Count > 0)
            {
                shown.Add(new ShownGroup<T>(group.Heading, rows, missing == 0 ? group.Rows.Sum(row => row.Figure) : null));
            }
        }

        var total = leftOut == 0 ? groups.Sum(group => group.Rows.Sum(row => row.Figure)) : (int?)null;
        return new ShownFigures<T>(shown, total, leftOut);
    }
}
