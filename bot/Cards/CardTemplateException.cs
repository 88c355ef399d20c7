namespace LearningBot.Cards;

/// <summary>
/// A card template uses something the binder does not support, or is malformed. Raised when the template
/// is loaded, so a bad card stops start-up instead of rendering wrong in front of a user.
/// </summary>
public sealed class CardTemplateException : Exception
{
    public CardTemplateException(string templateName, string? expression, string reason)
        : base(Describe(templateName, expression, reason))
    {
        TemplateName = templateName;
        Expression = expression;
        Reason = reason;
    }

    public CardTemplateException(string templateName, string reason, Exception inner)
        : base(Describe(templateName, null, reason), inner)
    {
        TemplateName = templateName;
        Reason = reason;
    }

    public string TemplateName { get; }
    public string? Expression { get; }
    public string Reason { get; }

    private static string Describe(string templateName, string? expression, string reason) =>
        expression is null
            ? $"Card template '{templateName}': {reason}"
            : $"Card template '{templateName}', expression '{expression}': {reason}";
}
