using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// "You said, we did": what a lead recorded as done about an alert's theme (table <c>YouSaidWeDid</c>, partition
/// <see cref="Partition"/>, row key the alert id). Recording again updates it; the liaison staff are told once.
/// </summary>
public sealed record YouSaidWeDid : TableRow
{
    public const string Partition = "record";

    public YouSaidWeDid()
    {
        PartitionKey = Partition;
    }

    public string AlertId { get; init; } = string.Empty;

    public string Theme { get; init; } = string.Empty;

    public string ServiceArea { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>What was done, scrubbed.</summary>
    public string WhatWasDone { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The month it was done, <c>yyyy-MM</c>.</summary>
    public string Month { get; init; } = string.Empty;

    /// <summary>A link to more, scrubbed; empty when none was given.</summary>
    public string Link { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The person key of the lead who recorded it (last).</summary>
    public string Lead { get; init; } = string.Empty;

    public DateTimeOffset RecordedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The delivery that told the liaison staff, once started.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>What was done and the link, to show (both stored scrubbed).</summary>
    public (string Done, string Link) Shown() => (WhatWasDone, Link);

    /// <summary>A new record for the alert; the text only as <see cref="ScrubbedText"/>.</summary>
    public static YouSaidWeDid For(SignalAlert alert, ScrubbedText whatWasDone, string month, ScrubbedText link, string lead, DateTimeOffset now) =>
        new YouSaidWeDid
        {
            RowKey = alert.AlertId,
            AlertId = alert.AlertId,
            Theme = alert.Theme,
            ServiceArea = alert.ServiceArea,
            OrganisationKind = alert.OrganisationKind,
            RecordedAt = now,
        }.Updated(whatWasDone, month, link, lead, now);

    /// <summary>This record with what was done replaced; the text only as <see cref="ScrubbedText"/>.</summary>
    public YouSaidWeDid Updated(ScrubbedText whatWasDone, string month, ScrubbedText link, string lead, DateTimeOffset now) =>
#pragma warning disable LB0001 // The one place the text is set, from ScrubbedText.
        this with { WhatWasDone = whatWasDone.Text, Month = month, Link = link.Text, Lead = lead, UpdatedAt = now };
#pragma warning restore LB0001
}
