using System.Globalization;
using System.Text;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// The delivery report as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line break
/// quoted and its quotes doubled). A cell that a spreadsheet would read as a formula (starting with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading apostrophe, so opening the report never
/// runs anything. No message content and no person ids: only what each line of <see cref="DeliveryReportLine"/> holds.
/// </summary>
public static class DeliveryReportCsv
{
    public const string Header = "recipient_kind,organisation,organisation_kind,outcome,reason,time";

    public const string LineEnd = "\r\n";

    public static string Line(DeliveryReportLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return string.Join(',',
            Cell(line.RecipientKind),
            Cell(line.Organisation),
            Cell(line.OrganisationKind),
            Cell(line.Outcome),
            Cell(line.Reason),
            Cell(line.At?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return text;
        }

        return new StringBuilder(text.Length + 4).Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
