using System.Globalization;
using LearningBot.Calendar;

namespace LearningBot.Delivery.Progress;

/// <summary>What the report and the card say of a delivery whose ledger was removed after the retention period.</summary>
public static class RemovedLedger
{
    /// <summary>"The list of people this delivery went to was removed on 3 March 2026, …" (the UK day).</summary>
    public static string Sentence(DeliveryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var on = progress.LedgerRemovedAt is { } removedAt
            ? " on " + UkTime.Local(removedAt).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : string.Empty;
        return $"The list of people this delivery went to was removed{on}, after the retention period for delivery records. Only the counts are kept.";
    }

    /// <summary>The report in place of the CSV: the header's counts, one a line, and <see cref="Sentence"/>.</summary>
    public static string Report(DeliveryProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return string.Join(
            "\r\n",
            $"{DeliveryProgressCards.Title(progress.Purpose)}: delivery report",
            $"Recipients: {DeliveryProgressCards.Number(progress.Total)}",
            $"Sent: {DeliveryProgressCards.Number(progress.Sent)}",
            $"Unreachable: {DeliveryProgressCards.Number(progress.Unreachable)}",
            $"Failed: {DeliveryProgressCards.Number(progress.Failed)}",
            $"Cancelled: {DeliveryProgressCards.Number(progress.Cancelled)}",
            string.Empty,
            Sentence(progress)) + "\r\n";
    }
}
