using System.Text;
using LearningBot.BotHost;
using LearningBot.Connector.Hosting;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// <c>GET /deliveries/{id}/report.csv?exp=…&amp;sig=…</c>: a delivery's report, reached only through the signed,
/// expiring link on the requester's progress card. A link that is not valid or has expired gets 403 and a plain
/// message; an unknown delivery gets 404; one whose ledger was removed after the retention period gets its counts and a
/// sentence saying so, as plain text (never an empty CSV, which would read as "nobody"). The CSV is written as it is read, so a large delivery is never held in memory.
/// </summary>
public sealed class DeliveryReportEndpoint : IEndpointFeature
{
    public const string Path = "/deliveries/{id}/report.csv";

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Path, HandleAsync);

    public static async Task HandleAsync(string id, string? exp, string? sig, ReportLinks links, IDeliveries deliveries, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(http);
        PrintableHtml.PrivateHeaders(http.Response);
        switch (links.Check(id, exp, sig))
        {
            case SignedLinkCheck.Invalid:
                await PlainAsync(http, StatusCodes.Status403Forbidden, "This link is not valid. Open the delivery's progress card in Teams and use its Download delivery report button.", cancellationToken);
                return;
            case SignedLinkCheck.Expired:
                await PlainAsync(http, StatusCodes.Status403Forbidden, "This link has expired. Report links work for a few days only; ask the L&D Support Team for the report.", cancellationToken);
                return;
        }

        var progress = await deliveries.GetProgressAsync(id, cancellationToken);
        if (progress is null)
        {
            await PlainAsync(http, StatusCodes.Status404NotFound, "There is no report for this delivery.", cancellationToken);
            return;
        }

        if (progress.LedgerRemoved)
        {
            await PlainAsync(http, StatusCodes.Status200OK, RemovedLedger.Report(progress), cancellationToken);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/csv; charset=utf-8; header=present";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"delivery-report-{FileNamePart(id)}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await writer.WriteAsync(DeliveryReportCsv.Header + DeliveryReportCsv.LineEnd);
        await foreach (var line in deliveries.ReportAsync(id, cancellationToken))
        {
            await writer.WriteAsync(DeliveryReportCsv.Line(line) + DeliveryReportCsv.LineEnd);
        }
    }

    private static Task PlainAsync(HttpContext http, int status, string message, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message, cancellationToken);
    }

    private static string FileNamePart(string id) =>
        new([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(64)]);
}
