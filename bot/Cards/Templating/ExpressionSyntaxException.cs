namespace LearningBot.Cards.Templating;

/// <summary>Raised by the parser; the template compiler adds the template name.</summary>
internal sealed class ExpressionSyntaxException(string expression, string reason) : Exception(reason)
{
    public string Expression { get; } = expression;
    public string Reason { get; } = reason;
}
