namespace LearningBot.OneStopShop.Signposts;

/// <summary>Card verbs of signposts.</summary>
public static class SignpostVerbs
{
    /// <summary>"It's about learning" on a signpost: data <c>{ questionId, question }</c>.</summary>
    public const string LearningAfterAll = "ask.signpost.learning";
}
