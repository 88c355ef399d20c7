using LearningBot.Cards;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.GoodPractice.Finding;

/// <summary>The one-stop shop's "Colleagues elsewhere have tried this": up to two approved examples that match the question well.</summary>
public sealed class GoodPracticeColleagues(GoodPracticeFinder finder) : IColleaguesPractice
{
    public async Task<IReadOnlyList<ColleagueExample>> ForQuestionAsync(string question, CancellationToken cancellationToken)
    {
        var examples = await finder.ColleaguesAsync(question, cancellationToken);
#pragma warning disable LB0001 // The stored (scrubbed) title of an approved example, shown to anyone.
        return [.. examples.Select(example => new ColleagueExample(example.Id, CardText.Literal(example.Title), ExampleCredit.Line(example)))];
#pragma warning restore LB0001
    }
}
