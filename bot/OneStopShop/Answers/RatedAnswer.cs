namespace LearningBot.OneStopShop.Answers;

/// <summary>How an article (or a directory answer) was rated over the period.</summary>
public sealed record RatedAnswer(string Id, string Title, int Helpful, int Unhelpful)
{
    public int Ratings => Helpful + Unhelpful;

    public double UnhelpfulShare => Ratings == 0 ? 0 : (double)Unhelpful / Ratings;
}
