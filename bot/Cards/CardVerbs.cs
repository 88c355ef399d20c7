namespace LearningBot.Cards;

/// <summary>
/// The verbs card buttons carry: as <c>verb</c> on <c>Action.Execute</c> and as <c>data.verb</c> on its
/// <c>Action.Submit</c> fallback, so the router can read either.
/// </summary>
public static class CardVerbs
{
    public const string Help = "help";
    public const string AskStart = "ask.start";
    public const string ReviewStart = "review.start";
    public const string SignalStart = "signal.start";
    public const string PracticeShare = "practice.share";
    public const string DigestLatest = "digest.latest";
}
