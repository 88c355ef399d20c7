namespace LearningBot.Cards;

/// <summary>
/// The data given to a card cannot fill it: a path the card shows is missing, or a value cannot be shown as
/// text. Where the reference templating library would leave <c>${...}</c> in front of the user, we throw.
/// </summary>
public sealed class CardBindingException : Exception
{
    public CardBindingException(string templateName, string expression, string reason)
        : base($"Card template '{templateName}', expression '{expression}': {reason}")
    {
        TemplateName = templateName;
        Expression = expression;
        Reason = reason;
    }

    public string TemplateName { get; }
    public string Expression { get; }
    public string Reason { get; }
}
