namespace LearningBot.FeedbackSignals;

/// <summary>The verbs of the feedback signal cards.</summary>
public static class SignalVerbs
{
    /// <summary>Opens an empty form: the welcome card's "Record a signal" and the confirmation's "Log another".</summary>
    public const string Start = "signal.start";

    /// <summary>The form's Log button.</summary>
    public const string Log = "signal.log";

    /// <summary>Moderation card: accept as logged.</summary>
    public const string Accept = "signal.accept";

    /// <summary>Moderation card: accept and flag urgent.</summary>
    public const string Urgent = "signal.urgent";

    /// <summary>Moderation card: shows one decision's form (data <c>form</c>: <see cref="ModerationForms"/>), or the buttons again.</summary>
    public const string Moderate = "signal.moderate";

    /// <summary>Moderation card: accept with the theme and service area corrected.</summary>
    public const string Correct = "signal.correct";

    /// <summary>Moderation card: not a learning issue, with a reason.</summary>
    public const string NotALearningIssue = "signal.not-learning";

    /// <summary>Moderation card: reject, with a reason.</summary>
    public const string Reject = "signal.reject";
}

/// <summary>The forms a moderation card can show instead of its buttons (the <c>form</c> of <see cref="SignalVerbs.Moderate"/>).</summary>
public static class ModerationForms
{
    public const string None = "";
    public const string Correct = "correct";
    public const string NotALearningIssue = "not-learning";
    public const string Reject = "reject";
}
