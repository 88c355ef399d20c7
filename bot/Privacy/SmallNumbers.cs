using System.Globalization;

namespace LearningBot.Privacy;

/// <summary>
/// The small-numbers rule, for every aggregate the bot shows: no count from 1 to <see cref="Threshold"/> − 1 is shown
/// to anyone outside the L&amp;D Support Team. Aggregates follow it even where only the team sees them, because figures
/// get forwarded. A count below the threshold reads "fewer than 5"; a share whose part, or whose remainder, is small
/// is shown as a range; groups too small to show are only shown added together (<see cref="Group{T}"/>).
/// Zero is shown as it is: it describes nobody.
/// </summary>
public static class SmallNumbers
{
    /// <summary>The smallest count that may be shown. Fixed here, not a setting, so it can't be lowered by accident.</summary>
    public const int Threshold = 5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>True for a count that could single someone out: 1 to <see cref="Threshold"/> − 1.</summary>
    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    /// <summary>A bare figure ("1,204"), or "fewer than 5" for a small one.</summary>
    public static string Number(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return IsSmall(count) ? $"fewer than {Format(Threshold)}" : Format(count);
    }

    /// <summary>"12 people"; "1 organisation" is never shown: a small count reads "fewer than 5 organisations".</summary>
    /// <param name="one">The word for one ("person"); <paramref name="many"/> for more (default: <paramref name="one"/> + "s").</param>
    public static string Count(int count, string one, string? many = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var plural = many ?? one + "s";
        return IsSmall(count)
            ? $"fewer than {Format(Threshold)} {plural}"
            : $"{Format(count)} {(count == 1 ? one : plural)}";
    }

    /// <summary>
    /// "<paramref name="part"/> of <paramref name="whole"/> people (76%)", or null when the whole is too small to show
    /// at all (fewer than <see cref="Threshold"/>). When the part, or what is left of the whole, is small, the share is
    /// a range without a percentage ("fewer than 5 of 20 people", "more than 15 of 20 people"), so neither can be
    /// worked out.
    /// </summary>
    /// <param name="plural">The word for the whole, always plural: the whole is never below the threshold.</param>
    public static string? Share(int part, int whole, string plural)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfLessThan(whole, part);
        if (whole < Threshold)
        {
            return null;
        }

        var of = $"of {Format(whole)} {plural}";
        if (IsSmall(part))
        {
            return $"fewer than {Format(Threshold)} {of}";
        }

        if (IsSmall(whole - part))
        {
            return $"more than {Format(whole - Threshold)} {of}";
        }

        var percent = (int)Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero);
        return $"{Format(part)} {of} ({percent.ToString(Invariant)}%)";
    }

    private static string Format(int count) => count.ToString("N0", Invariant);

    /// <summary>
    /// Splits groups (organisations, for example) into those big enough to show on their own and the rest, which may
    /// only be shown added together. When the rest add up to a small number, the smallest of the shown groups join
    /// them until they reach the threshold, so the rest can't be worked out by taking the shown groups from a total.
    /// </summary>
    /// <param name="size">How many people a group has.</param>
    public static SmallNumberGroups<T> Group<T>(IEnumerable<T> groups, Func<T, int> size)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(size);
        var all = groups.ToList();
        var together = all.Where(g => size(g) < Threshold).ToList();
        var shown = all.Where(g => size(g) >= Threshold).ToList();
        var total = together.Sum(size);
        var joined = false;
        while (IsSmall(total) && shown.Count > 0)
        {
            var smallest = shown.MinBy(size)!;
            shown.Remove(smallest);
            together.Add(smallest);
            total += size(smallest);
            joined = true;
        }

        return new SmallNumberGroups<T>(shown, together, total, joined);
    }
}

/// <summary>What <see cref="SmallNumbers.Group{T}"/> found.</summary>
/// <param name="Shown">Groups that may be shown on their own, in the order given.</param>
/// <param name="Together">Groups that may only be shown added together.</param>
/// <param name="TogetherSize">How many people <paramref name="Together"/> hold between them.</param>
/// <param name="Joined">True when a group big enough on its own had to join <paramref name="Together"/>.</param>
public sealed record SmallNumberGroups<T>(IReadOnlyList<T> Shown, IReadOnlyList<T> Together, int TogetherSize, bool Joined)
{
    /// <summary>True when <see cref="Together"/> may be shown as one line: it has people, and enough of them.</summary>
    public bool CanShowTogether => TogetherSize >= SmallNumbers.Threshold;

    /// <summary>True when some groups are left out altogether: together they are still too few to show.</summary>
    public bool LeftOut => Together.Count > 0 && !CanShowTogether;
}
