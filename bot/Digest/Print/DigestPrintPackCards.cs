using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Privacy;

namespace LearningBot.Digest.Print;

/// <summary>The print pack's card and the paper reach card.</summary>
public sealed class DigestPrintPackCards(CardCatalog cards, DigestPrintLinks links)
{
    /// <summary>The most copies one press may record: a typing slip, not a print run, above this.</summary>
    public const int MaxCopies = 2_000;

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public JsonObject Pack(DigestPrintPackEntry pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var standard = links.Public(pack.Number);
        var large = links.Public(pack.Number, large: true);
        var copies = pack.IsPutUp ? pack.PutUpCopies : pack.SuggestedCopies;
        return cards.Render(new DigestPrintPackCardData(
            pack.Number, $"Edition {pack.Number} is ready to print",
            $"Suggested {Copies(pack.SuggestedCopies)} for {CardText.Literal(pack.Base)}.", CardText.Literal(pack.Reason),
            standard, DigestPrintPage.InWords(standard), large, DigestPrintPage.InWords(large), copies, pack.IsPutUp,
            pack.PutUpAt is { } at ? $"Thank you. Recorded: {Copies(pack.PutUpCopies)} of edition {pack.Number} printed and put up for {CardText.Literal(pack.Base)} on {UkTime.Local(at).ToString("d MMMM yyyy", English)}." : string.Empty));
    }

    public JsonObject PaperReach(int number, IReadOnlyList<DigestPrintPackEntry> packs, bool showSmallCounts)
    {
        ArgumentNullException.ThrowIfNull(packs);
        string Shown(int count, string one, string many) => showSmallCounts
            ? $"{count.ToString("N0", English)} {(count == 1 ? one : many)}"
            : SmallNumbers.Count(count, one, many);
        var putUp = packs.Where(pack => pack.IsPutUp).ToList();
        var rows = putUp.GroupBy(pack => pack.Organisation, StringComparer.OrdinalIgnoreCase)
            .OrderBy(group => group.Key, StringComparer.OrdinalIgnoreCase)
            .Select(group => new DigestPaperReachRow(CardText.Literal(group.Key),
                $"{Shown(group.Sum(pack => pack.PutUpCopies), "copy", "copies")} put up",
                $"at {Shown(group.Select(pack => pack.Base).Distinct(StringComparer.OrdinalIgnoreCase).Count(), "base", "bases")}"))
            .ToList();
        var summary = packs.Count == 0
            ? $"No print packs have gone out for edition {number}."
            : $"{Shown(putUp.Sum(pack => pack.PutUpCopies), "copy", "copies")} put up in all. Print packs sent: {Shown(packs.Count, "pack", "packs")}; "
                + $"recorded as put up: {Shown(putUp.Count, "pack", "packs")}.";
        return cards.Render(new DigestPaperReachCardData(
            $"Paper reach: edition {number}", summary,
            showSmallCounts ? "You see every count, as a member of the L&D Support Team." : "Counts below 5 show as \"fewer than 5\".", rows));
    }

    private static string Copies(int count) => count == 1 ? "1 copy" : $"{count.ToString("N0", English)} copies";
}
