using System.Globalization;
using System.Text;
using LearningBot.BotHost;
using LearningBot.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.FeedbackSignals;

/// <summary>The printable signal slip's settings (<c>FeedbackSignals:Slip</c>).</summary>
public sealed class SignalSlipOptions
{
    public const string Section = "FeedbackSignals:Slip";

    /// <summary>Where a filled-in slip goes: the L&amp;D Support Team's address, email or phone, as the slip prints it.</summary>
    public string SendTo { get; init; } = "the L&D Support Team, through the person who gave you this slip";

    /// <summary>The bot's public address for the slip's link; <c>PublicLinks:BaseUrl</c>, then the address Teams called, when unset.</summary>
    public string? PublicBaseUrl { get; init; }
}

/// <summary>
/// The paper route for groups outside Teams (volunteer services, advocacy services, patient forums): who sent a slip
/// in, and the months a slip can be for.
/// </summary>
public static class SlipChoices
{
    public const int GroupNameLimit = 100;

    /// <summary>The months a slip can be for: this month (UK time) and the 11 before it.</summary>
    public const int MonthsBack = 12;

    public static IReadOnlyList<SignalChoice> Senders { get; } =
    [
        new("volunteer-service", "Volunteer service"),
        new("advocacy-service", "Advocacy service"),
        new("patient-forum", "Patient forum"),
        new("other-organisation", "Another organisation outside Teams"),
    ];

    /// <summary>This month and the 11 before it, newest first: <c>yyyy-MM</c> with the month in words.</summary>
    public static IReadOnlyList<SignalChoice> Months(DateTimeOffset ukNow)
    {
        var first = new DateTime(ukNow.Year, ukNow.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return [.. Enumerable.Range(0, MonthsBack).Select(back => first.AddMonths(-back)).Select(month => new SignalChoice(
            month.ToString("yyyy-MM", CultureInfo.InvariantCulture), month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)))];
    }
}

/// <summary>
/// <c>GET /signals/slip</c>: a one-page A4 form to print, for people who hear feedback outside Teams. Every list is
/// drawn from the lists the Teams form uses (<see cref="SignalChoices"/>, <see cref="ThemeChoices"/>,
/// <see cref="SlipChoices"/>), so paper and card always offer the same answers. It holds no personal data: public.
/// </summary>
public static class SignalSlipPage
{
    public const string Path = "/signals/slip";

    public const string Warning =
        "Complaints, safeguarding concerns and incidents go through the organisation's own process first. "
        + "Do not write names or details of patients, service users or staff: a signal is about a theme, not a person.";

    /// <summary>Smaller type and margins than other printable pages, so the whole slip fits on one sheet.</summary>
    private const string Style =
        "@page { size: A4; margin: 10mm 12mm; }\n"
        + "body { font-size: 11.5pt; line-height: 1.3; max-width: 186mm; }\n"
        + "h1 { font-size: 18pt; margin: 0 0 0.2em; }\np { margin: 0.3em 0; }\n.warning { border: 2px solid #000; padding: 0.3em 0.5em; }\n"
        + ".grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0.2em 1em; }\n"
        + "fieldset { border: 1px solid #666; margin: 0.25em 0; padding: 0.1em 0.5em 0.3em; break-inside: avoid; }\nlegend { font-weight: bold; padding: 0 0.2em; }\n"
        + "ul { list-style: none; margin: 0; padding: 0; }\nli { margin: 0.1em 0; }\n"
        + ".box { display: inline-block; width: 0.9em; height: 0.9em; border: 1.5px solid #000; vertical-align: -0.1em; margin-right: 0.3em; }\n"
        + ".blank { display: inline-block; border-bottom: 1px solid #000; width: 60%; height: 1.1em; }\n.blank.short { width: 40%; }\n.line { margin: 0.6em 0; }\n"
        + ".note { height: 28mm; }\n.send { margin-top: 0.5em; }\n";

    public static IResult Handle(IOptions<SignalSlipOptions> options, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        PrintableHtml.PublicHeaders(http.Response);
        return PrintableHtml.Page(Render(options.Value));
    }

    public static string Render(SignalSlipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var html = PrintableHtml.Start("Feedback signal slip", Style, noIndex: false)
            .Append("<h1>Feedback signal slip</h1>\n")
            .Append("<p>What patients, service users and carers say about staff skills and knowledge. Tick one box in each list.</p>\n")
            .Append("<p class=\"warning\"><strong>").Append(Encode(Warning)).Append("</strong></p>\n")
            .Append("<div class=\"grid\">\n");
        Ticks(html, "Who is sending this slip? (your group or service, not your name)", SlipChoices.Senders);
        Ticks(html, "Where did you hear it?", SignalChoices.Sources);
        Ticks(html, "Which kind of organisation was it about?", SignalChoices.OrganisationKinds);
        Ticks(html, "Which service?", SignalChoices.ServiceAreas);
        Ticks(html, "What was it about?", ThemeChoices.All);
        Ticks(html, "Concern or compliment?", SignalChoices.Kinds);
        Ticks(html, "How often has it come up?", SignalChoices.Frequencies);
        Ticks(html, "Is this about skills or knowledge, or something else?", SignalChoices.Causes);
        html.Append("</div>\n")
            .Append("<p class=\"line\"><strong>Name of your group or service (optional):</strong> <span class=\"blank\"></span></p>\n")
            .Append("<p class=\"line\"><strong>Month (not a date):</strong> <span class=\"blank short\"></span></p>\n")
            .Append("<fieldset class=\"note\"><legend>Anything else the L&amp;D team should know (optional, no names or details)</legend></fieldset>\n")
            .Append("<p class=\"send\"><strong>Please send the slip to ").Append(Encode(options.SendTo)).Append(".</strong></p>\n");
        return html.End();
    }

    private static void Ticks(StringBuilder html, string question, IReadOnlyList<SignalChoice> list)
    {
        html.Append("<fieldset><legend>").Append(Encode(question)).Append("</legend>\n<ul>\n");
        foreach (var choice in list)
        {
            html.Append("<li><span class=\"box\" aria-hidden=\"true\"></span> ").Append(Encode(choice.Title)).Append("</li>\n");
        }

        html.Append("</ul>\n</fieldset>\n");
    }

    private static string Encode(string text) => PrintableHtml.Encode(text);
}

/// <summary>Maps the slip's page.</summary>
public sealed class SignalSlipEndpoint : IEndpointFeature
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet(SignalSlipPage.Path, SignalSlipPage.Handle);
}

/// <summary>The slip's full address: from configuration, or the address Teams called the bot at.</summary>
public sealed class SignalSlipLink(IOptions<SignalSlipOptions> options, PublicLinks links)
{
    public string? Url()
    {
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } own ? own : links.CurrentBaseUrl;
        return baseUrl is null ? null : baseUrl.TrimEnd('/') + SignalSlipPage.Path;
    }
}
