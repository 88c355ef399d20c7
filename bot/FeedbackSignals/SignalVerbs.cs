namespace LearningBot.FeedbackSignals;

/// <summary>The verbs of the feedback signal cards.</summary>
public static class SignalVerbs
{
    /// <summary>Opens an empty form: the welcome card's "Record a signal" and the confirmation's "Log another".</summary>
    public const string Start = "signal.start";

    /// <summary>The form's Log button.</summary>
    public const string Log = "signal.log";
}
