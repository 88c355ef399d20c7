namespace LearningBot.Cards.Templating;

/// <summary>The JavaScript value <c>undefined</c>: a path that leads nowhere.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }

    public override string ToString() => "undefined";
}
