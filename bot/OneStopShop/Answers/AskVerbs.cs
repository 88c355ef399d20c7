namespace LearningBot.OneStopShop.Answers;

/// <summary>Card verbs of the one-stop shop (<c>ask.start</c> is also the welcome menu's "Ask a question" button).</summary>
public static class AskVerbs
{
    public const string Start = "ask.start";
    public const string Question = "ask.question";
    public const string Article = "ask.article";
    public const string Rate = "ask.rate";

    /// <summary>A page of a long article: data <c>{ id, page, questionId }</c>.</summary>
    public const string Page = "ask.article.page";

    /// <summary>From a page back to the answer card: data <c>{ questionId }</c>.</summary>
    public const string BackToAnswer = "ask.article.answer";

    /// <summary>Handled by the escalation capability: data <c>{ question }</c>.</summary>
    public const string Escalate = "ask.escalate";
}
