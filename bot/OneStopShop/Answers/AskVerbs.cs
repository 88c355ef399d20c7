namespace LearningBot.OneStopShop.Answers;

/// <summary>Card verbs of the one-stop shop (<c>ask.start</c> is also the welcome menu's "Ask a question" button).</summary>
public static class AskVerbs
{
    public const string Start = "ask.start";
    public const string Question = "ask.question";
    public const string Article = "ask.article";
    public const string Rate = "ask.rate";

    /// <summary>Handled by the escalation capability: data <c>{ question }</c>.</summary>
    public const string Escalate = "ask.escalate";
}
