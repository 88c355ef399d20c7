namespace LearningBot.Cards.Templating;

/// <summary>Per-bind state: which template, for error messages.</summary>
internal sealed class BindContext(string templateName)
{
    public string TemplateName { get; } = templateName;

    public CardBindingException Fail(Expr expression, string reason) =>
        new(TemplateName, "${" + expression.Text + "}", reason);
}
