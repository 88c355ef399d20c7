namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>The verbs of learning needs analyses (the first is on the alert card).</summary>
public static class LearningNeedsVerbs
{
    /// <summary>Data <c>alertId</c>: starts the alert's draft, or opens it when it was started already.</summary>
    public const string Start = "signal.lna.start";

    /// <summary>Data <c>analysisId</c>: opens a draft from the list.</summary>
    public const string Open = "signal.lna.open";

    /// <summary>Data <c>analysisId</c>, <c>version</c> (the version the card showed) and the card's inputs.</summary>
    public const string Save = "signal.lna.save";

    /// <summary>As <see cref="Save"/>, and marks the analysis ready.</summary>
    public const string Ready = "signal.lna.ready";

    /// <summary>Data <c>analysisId</c>: shows the analysis's alert again in place of the draft, as its leads see it.</summary>
    public const string BackToAlert = "signal.lna.alert";
}

/// <summary>The draft card's inputs.</summary>
public static class LnaInputs
{
    public const string Need = "need";
    public const string WhoIsAffected = "whoIsAffected";
    public const string WhyLearning = "whyLearning";
    public const string SuccessMeasures = "successMeasures";
    public const string WhoLearnsWhat = "whoLearnsWhat";
    public const string ByWhen = "byWhen";
    public const string Approaches = "approaches";

    /// <summary>The most a field may hold.</summary>
    public const int Limit = 1500;

    public static IReadOnlyList<string> All { get; } = [Need, WhoIsAffected, WhyLearning, SuccessMeasures, WhoLearnsWhat, ByWhen, Approaches];
}
