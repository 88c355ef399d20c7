using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Leads;

namespace LearningBot.FeedbackSignals;

/// <summary>The forms an alert card can show instead of its buttons.</summary>
public static class AlertForms
{
    public const string None = "";
    public const string InHand = "in-hand";
    public const string NotALearningIssue = "not-learning";
    public const string Pass = "pass";

    /// <summary>The alert shown to someone who is not asked to answer it (the head of the L&amp;D Support Team): no buttons.</summary>
    public const string ReadOnly = "read-only";
}

/// <summary>Renders the alert card: counts only as bands, never who logged a signal.</summary>
public sealed class SignalAlertCards(CardCatalog cards)
{
    /// <param name="extend">Adds what another part of the capability shows on the card (what was done, its form).</param>
    public JsonObject Alert(SignalAlert alert, string form = AlertForms.None, string notice = "", IReadOnlyList<LeadChoice>? leadChoices = null,
        Func<SignalAlertCardData, SignalAlertCardData>? extend = null)
    {
        var open = alert.Status == SignalAlert.Open;
        var data = new SignalAlertCardData(
            alert.AlertId,
            SignalThemes.LabelOf(alert.Theme),
            SignalChoices.ServiceAreas.TitleOf(alert.ServiceArea),
            SignalChoices.OrganisationKinds.TitleOf(alert.OrganisationKind),
            CountBands.InWords(alert.Concerns),
            CountBands.InWords(alert.Compliments),
            string.Join(", ", alert.Sources.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SignalChoices.Sources.TitleOf)),
            [.. alert.ExampleWordings().Select(text => new AlertExample(CardText.Literal(text)))],
            StatusText(alert),
            alert.Urgent,
            notice)
        {
            ShowActions = open && form == AlertForms.None,
            InHandForm = open && form == AlertForms.InHand,
            NotLearningForm = open && form == AlertForms.NotALearningIssue,
            PassForm = open && form == AlertForms.Pass,
            LeadChoices = leadChoices ?? [],
            CanRecordWhatWasDone = form == AlertForms.None && alert.Status is SignalAlert.Taken or SignalAlert.InHand,
            ShowAnalysis = form == AlertForms.None,
        };
        return cards.Render(extend?.Invoke(data) ?? data);
    }

    public static string StatusText(SignalAlert alert) => alert.Status switch
    {
        SignalAlert.Open => "Open: no lead has taken this yet.",
        SignalAlert.NoLead => "No lead found for this theme: the L&D Support Team will find one.",
        SignalAlert.Taken => "Taken by a lead.",
        SignalAlert.InHand => "Already in hand, says a lead.",
        SignalAlert.NotALearningIssue => "Not a learning issue, says a lead.",
        _ => alert.Status,
    };
}

public sealed record AlertExample(string Text);

public sealed record SignalAlertCardData(
    string AlertId,
    string Theme,
    string ServiceArea,
    string OrganisationKinds,
    string Concerns,
    string Compliments,
    string Sources,
    IReadOnlyList<AlertExample> Examples,
    string StatusText,
    bool Urgent,
    string Notice) : ICardData
{
    public static string CardName => "signal-alert";

    public bool ShowActions { get; init; }

    public bool InHandForm { get; init; }

    public bool NotLearningForm { get; init; }

    public bool PassForm { get; init; }

    public IReadOnlyList<LeadChoice> LeadChoices { get; init; } = [];

    /// <summary>Shows "Record what we did" (<see cref="YouSaidWeDidVerbs"/>): the alert was taken or is in hand.</summary>
    public bool CanRecordWhatWasDone { get; init; }

    /// <summary>Shows the "what we did" form in place of the buttons.</summary>
    public bool RecordForm { get; init; }

    /// <summary>What was done, once recorded (scrubbed, through <see cref="CardText.Literal"/>), or empty.</summary>
    public string WhatWasDone { get; init; } = string.Empty;

    public string WhatWasDoneMonth { get; init; } = string.Empty;

    public string WhatWasDoneLink { get; init; } = string.Empty;

    /// <summary>What the scrubber removed from the form's text ("a name"), or empty.</summary>
    public string Removed { get; init; } = string.Empty;

    public string DoneValue { get; init; } = string.Empty;

    public string LinkValue { get; init; } = string.Empty;

    public string MonthValue { get; init; } = string.Empty;

    public IReadOnlyList<SignalChoice> Months { get; init; } = [];

    /// <summary>Start a learning needs analysis: on the card as sent and answered, not on a form or a read-only copy.</summary>
    public bool ShowAnalysis { get; init; }
}

/// <summary>A lead the alert can be passed to: their name and kind of organisation, and their person key as the value.</summary>
public sealed record LeadChoice(string Title, string Value);
