using LearningBot.Cards;
using LearningBot.Leads;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Data for <c>signal-compliment</c>: an accepted compliment as recognition (no counts at all), with a lead's buttons, the
/// form to find the team's manager, or, for the manager it was passed to, no buttons.
/// </summary>
/// <param name="Wording">The moderator-approved (scrubbed) note through <see cref="CardText.Literal"/>, or empty.</param>
public sealed record ComplimentCardData(
    string SignalId,
    string Theme,
    string ServiceArea,
    string OrganisationKind,
    string Source,
    string Month,
    string Wording) : ICardData
{
    public static string CardName => "signal-compliment";

    public bool ForManager { get; init; }

    public bool ShowActions { get; init; }

    public bool FindForm { get; init; }

    public bool PickForm { get; init; }

    public string NameValue { get; init; } = string.Empty;

    public IReadOnlyList<SignalChoice> People { get; init; } = [];

    public bool Suggested { get; init; }

    public string Notice { get; init; } = string.Empty;

    private static ComplimentCardData Of(FeedbackSignal signal) => new(
        signal.Id,
        SignalThemes.LabelOf(signal.Theme),
        SignalChoices.ServiceAreas.TitleOf(signal.ServiceArea),
        SignalChoices.OrganisationKinds.TitleOf(signal.OrganisationKind),
        SignalChoices.Sources.TitleOf(signal.Source),
        YouSaidWeDidFeature.MonthInWords(signal.MonthLogged),
#pragma warning disable LB0001 // Reading the note to show it: it was stored scrubbed and a moderator accepted it.
        CardText.Literal(signal.Note));
#pragma warning restore LB0001

    public static ComplimentCardData ForLeads(FeedbackSignal signal, ComplimentRecognition? recognition, string notice = "") =>
        Of(signal) with { ShowActions = true, Suggested = recognition?.Suggested ?? false, Notice = notice };

    public static ComplimentCardData ToManager(FeedbackSignal signal) => Of(signal) with { ForManager = true };
}
