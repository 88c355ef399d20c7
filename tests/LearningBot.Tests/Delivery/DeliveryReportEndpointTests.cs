using System.Net;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Delivery;

/// <summary><c>GET /deliveries/{id}/report.csv</c>: only through a signed link that has not expired, as CSV a spreadsheet cannot be tricked by.</summary>
public sealed class DeliveryReportEndpointTests(DeliveryUiHostFixture fixture) : IClassFixture<DeliveryUiHostFixture>
{
    [Fact]
    public async Task A_signed_link_downloads_the_report_as_csv()
    {
        var id = NewDelivery();
        fixture.Deliveries.SetReport(id,
            new DeliveryReportLine("person", "Harbour Lane Community Trust, Befriending Service", "voluntary-sector", "unreachable", "no-teams", null),
            new DeliveryReportLine("person", "=HYPERLINK(\"https://evil.example\",\"Click\")", "primary-care", "sent", null, new DateTimeOffset(2026, 3, 2, 9, 1, 2, TimeSpan.Zero)));

        var response = await GetAsync(Links().Create(id)!.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(
            "recipient_kind,organisation,organisation_kind,outcome,reason,time\r\n" +
            "person,\"Harbour Lane Community Trust, Befriending Service\",voluntary-sector,unreachable,no-teams,\r\n" +
            "person,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Click\"\")\",primary-care,sent,,2026-03-02T09:01:02Z\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_link_whose_signature_was_changed_is_refused()
    {
        var id = NewDelivery();
        var link = Links().Create(id)!.PathAndQuery;

        var response = await GetAsync(link[..^2] + (link.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_for_one_delivery_does_not_open_another()
    {
        var mine = NewDelivery();
        var theirs = NewDelivery();
        var link = Links().Create(mine)!.PathAndQuery.Replace(mine, theirs, StringComparison.Ordinal);

        var response = await GetAsync(link);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_says_so()
    {
        var id = NewDelivery();
        var expired = Links().PathAndQuery(id, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());

        var response = await GetAsync(expired);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_link_to_an_unknown_delivery_is_not_found()
    {
        var response = await GetAsync(Links().Create("unknown-delivery")!.PathAndQuery);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_delivery_whose_list_of_people_was_removed_gives_its_counts_and_says_so()
    {
        var id = fixture.Deliveries.Set(new DeliveryProgress(Guid.NewGuid().ToString("N"), "announcement", "requester",
            DeliveryStatuses.Completed, 120, 110, 8, 2, 0, DateTimeOffset.UtcNow.AddDays(-100), DateTimeOffset.UtcNow.AddDays(-100), null,
            LedgerRemovedAt: new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero))).DeliveryId;

        var response = await GetAsync(Links().Create(id)!.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "Your announcement: delivery report\r\nRecipients: 120\r\nSent: 110\r\nUnreachable: 8\r\nFailed: 2\r\nCancelled: 0\r\n\r\n" +
            "The list of people this delivery went to was removed on 1 June 2026, after the retention period for delivery records. Only the counts are kept.\r\n",
            await response.Content.ReadAsStringAsync());
    }

    private ReportLinks Links() => fixture.Bot.Services.GetRequiredService<ReportLinks>();

    private string NewDelivery() =>
        fixture.Deliveries.Set(new DeliveryProgress(Guid.NewGuid().ToString("N"), "announcement", "requester",
            DeliveryStatuses.Completed, 2, 1, 1, 0, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null)).DeliveryId;

    private Task<HttpResponseMessage> GetAsync(string pathAndQuery) => fixture.ForTest().Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
}
