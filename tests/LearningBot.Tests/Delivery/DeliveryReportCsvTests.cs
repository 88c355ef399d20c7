using LearningBot.Delivery;
using LearningBot.Delivery.Progress;

namespace LearningBot.Tests.Delivery;

/// <summary>The delivery report's CSV: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.</summary>
public sealed class DeliveryReportCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\")", "\"'=HYPERLINK(\"\"https://evil.example\"\")\"")]
    [InlineData("+44 1632 960000", "'+44 1632 960000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTabbed", "'\tTabbed")]
    [InlineData("Harbour Lane Community Trust, Befriending Service", "\"Harbour Lane Community Trust, Befriending Service\"")]
    [InlineData("Two\nlines", "\"Two\nlines\"")]
    [InlineData("Eastmoor Mental Health Trust", "Eastmoor Mental Health Trust")]
    [InlineData(null, "")]
    public void Cells_are_quoted_and_neutralised(string? value, string expected) =>
        Assert.Equal(expected, DeliveryReportCsv.Cell(value));

    [Fact]
    public void A_line_has_the_six_columns_in_order_with_the_time_in_utc()
    {
        var line = new DeliveryReportLine("person", "Hillside Primary Care Network", "primary-care", "unreachable", "no-teams",
            new DateTimeOffset(2026, 3, 2, 10, 15, 30, TimeSpan.FromHours(1)));

        Assert.Equal("person,Hillside Primary Care Network,primary-care,unreachable,no-teams,2026-03-02T09:15:30Z", DeliveryReportCsv.Line(line));
        Assert.Equal("recipient_kind,organisation,organisation_kind,outcome,reason,time", DeliveryReportCsv.Header);
    }
}
