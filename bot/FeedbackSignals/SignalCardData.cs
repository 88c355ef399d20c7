using LearningBot.Cards;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Data for <c>signal-log</c>: the form, with what was picked so far and the lists to pick from.
/// </summary>
/// <param name="FormToken">Made by the bot when the form opens; travels with Log so a repeated press stores one signal.</param>
/// <param name="Removed">What the scrubber removed from the note it holds ("a name and a phone number"), or empty.</param>
public sealed record SignalLogCardData(
    string FormToken,
    string Source,
    string OrganisationKind,
    string ServiceArea,
    string Theme,
    string Kind,
    string Frequency,
    string Cause,
    string Note,
    string Removed) : ICardData
{
    public static string CardName => "signal-log";

    public int NoteLimit { get; init; } = SignalChoices.NoteLimit;

    public IReadOnlyList<SignalChoice> Sources { get; init; } = SignalChoices.Sources;

    public IReadOnlyList<SignalChoice> OrganisationKinds { get; init; } = SignalChoices.OrganisationKinds;

    public IReadOnlyList<SignalChoice> ServiceAreas { get; init; } = SignalChoices.ServiceAreas;

    public IReadOnlyList<SignalChoice> Themes { get; init; } = ThemeChoices.All;

    public IReadOnlyList<SignalChoice> Kinds { get; init; } = SignalChoices.Kinds;

    public IReadOnlyList<SignalChoice> Frequencies { get; init; } = SignalChoices.Frequencies;

    public IReadOnlyList<SignalChoice> Causes { get; init; } = SignalChoices.Causes;

    /// <summary>The L&amp;D Support Team entering a paper slip: the form also asks who sent it and for which month.</summary>
    public bool OnBehalf { get; init; }

    public string ReceivedFrom { get; init; } = string.Empty;

    /// <summary>The group's name as typed (an input value, not shown as text).</summary>
    public string ReceivedFromName { get; init; } = string.Empty;

    public string SlipMonth { get; init; } = string.Empty;

    public int GroupNameLimit { get; init; } = SlipChoices.GroupNameLimit;

    public IReadOnlyList<SignalChoice> Senders { get; init; } = SlipChoices.Senders;

    /// <summary>The months a slip can be for (<see cref="SlipChoices.Months"/>); empty unless <see cref="OnBehalf"/>.</summary>
    public IReadOnlyList<SignalChoice> Months { get; init; } = [];

    /// <summary>The form holding <paramref name="answers"/> and <paramref name="note"/>.</summary>
    public static SignalLogCardData For(string formToken, SignalAnswers answers, string note = "", string removed = "") => new(
        formToken, answers.Source, answers.OrganisationKind, answers.ServiceArea, answers.Theme, answers.Kind, answers.Frequency, answers.Cause, note, removed);
}

/// <summary>Data for <c>signal-logged</c>: the thank-you that replaces the form, with what was logged in words.</summary>
/// <param name="Note">The stored (scrubbed) note through <see cref="CardText.Literal"/>, or empty.</param>
public sealed record SignalLoggedCardData(
    string Source,
    string OrganisationKind,
    string ServiceArea,
    string Theme,
    string Kind,
    string Frequency,
    string Cause,
    string Note,
    string Month) : ICardData
{
    public static string CardName => "signal-logged";
}

/// <summary>
/// Data for <c>signal-moderation</c>: the signal as moderators see it in the L&amp;D channel, its status, and either the
/// decision buttons, one decision's form (<see cref="Correcting"/>, <see cref="NotLearning"/>, <see cref="Rejecting"/>),
/// or, once decided, no buttons at all.
/// </summary>
/// <param name="Note">The stored (scrubbed) note through <see cref="CardText.Literal"/>, or empty.</param>
/// <param name="Reason">The moderator's stored (scrubbed) reason through <see cref="CardText.Literal"/>, or empty.</param>
public sealed record SignalModerationCardData(
    string SignalId,
    string Source,
    string OrganisationKind,
    string ServiceArea,
    string Theme,
    string Kind,
    string Frequency,
    string Cause,
    string Note,
    string Month,
    string StatusText,
    bool Urgent,
    string Reason,
    string Notice) : ICardData
{
    public static string CardName => "signal-moderation";

    public bool ShowActions { get; init; }

    public bool Correcting { get; init; }

    public bool NotLearning { get; init; }

    public bool Rejecting { get; init; }

    public string ReasonLabel { get; init; } = string.Empty;

    public string ThemeValue { get; init; } = string.Empty;

    public string ServiceAreaValue { get; init; } = string.Empty;

    public IReadOnlyList<SignalChoice> Themes { get; init; } = ThemeChoices.All;

    public IReadOnlyList<SignalChoice> ServiceAreas { get; init; } = SignalChoices.ServiceAreas;

    /// <summary>"Entered by the L&amp;D Support Team from a paper slip" and who sent it in, or empty.</summary>
    public string OnBehalfText { get; init; } = string.Empty;

    /// <summary>Showing the themes the signal can be merged into instead of the buttons.</summary>
    public bool Merging { get; init; }

    /// <summary>Existing themes of the signal's organisation kind (value: the theme's key), with banded counts.</summary>
    public IReadOnlyList<SignalChoice> MergeThemes { get; init; } = [];
}
