namespace LearningBot.LearningDirectory.Mandatory;

public static class MandatoryVerbs
{
    /// <summary>Shows one topic: its id comes in the <c>topic</c> input or the button's data.</summary>
    public const string Show = "directory.mandatory.show";

    /// <summary>Back to every topic.</summary>
    public const string List = "directory.mandatory.list";
}
