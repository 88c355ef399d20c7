namespace LearningBot.OneStopShop.Answers;

public static class QuestionOrigins
{
    public const string Asked = "asked";
    public const string Suggestion = "suggestion";
}
