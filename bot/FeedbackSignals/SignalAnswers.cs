using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.FeedbackSignals;

/// <summary>What a signal's lists were answered with: each a value of its list once <see cref="Problems"/> finds none.</summary>
public sealed record SignalAnswers(string Source, string OrganisationKind, string ServiceArea, string Theme, string Kind, string Frequency, string Cause)
{
    public static SignalAnswers None { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    /// <summary>The answers a press of the form carried, as sent (empty where one is missing).</summary>
    public static SignalAnswers From(CardActionRequest action) => new(
        action.GetString(SignalInputs.Source) ?? string.Empty,
        action.GetString(SignalInputs.OrganisationKind) ?? string.Empty,
        action.GetString(SignalInputs.ServiceArea) ?? string.Empty,
        action.GetString(SignalInputs.Theme) ?? string.Empty,
        action.GetString(SignalInputs.Kind) ?? string.Empty,
        action.GetString(SignalInputs.Frequency) ?? string.Empty,
        action.GetString(SignalInputs.Cause) ?? string.Empty);

    /// <summary>
    /// Every answer that is not a value of its list, and a note over <see cref="SignalChoices.NoteLimit"/>: checked
    /// here as well as against the card, so a crafted press is refused even if the card's own rules change.
    /// </summary>
    public IEnumerable<CardInputProblem> Problems(string? note)
    {
        var answers = new (string Input, string Value, IReadOnlyList<SignalChoice> List)[]
        {
            (SignalInputs.Source, Source, SignalChoices.Sources),
            (SignalInputs.OrganisationKind, OrganisationKind, SignalChoices.OrganisationKinds),
            (SignalInputs.ServiceArea, ServiceArea, SignalChoices.ServiceAreas),
            (SignalInputs.Theme, Theme, ThemeChoices.All),
            (SignalInputs.Kind, Kind, SignalChoices.Kinds),
            (SignalInputs.Frequency, Frequency, SignalChoices.Frequencies),
            (SignalInputs.Cause, Cause, SignalChoices.Causes),
        };
        foreach (var (input, value, list) in answers)
        {
            if (!list.Offers(value))
            {
                yield return new CardInputProblem(input, "Not one of the options given.", "Please choose one of the options given.");
            }
        }

        if (note?.Length > SignalChoices.NoteLimit)
        {
            yield return new CardInputProblem(SignalInputs.Note, "Longer than the limit.", $"Please keep the note to {SignalChoices.NoteLimit} characters.");
        }
    }
}

/// <summary>The ids of the form's inputs.</summary>
public static class SignalInputs
{
    public const string Source = "source";
    public const string OrganisationKind = "organisationKind";
    public const string ServiceArea = "serviceArea";
    public const string Theme = "theme";
    public const string Kind = "kind";
    public const string Frequency = "frequency";
    public const string Cause = "cause";
    public const string Note = "note";
    public const string FormToken = "formToken";

    /// <summary>A moderator's reason (moderation card).</summary>
    public const string Reason = "reason";
}
