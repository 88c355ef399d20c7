namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Approved examples of practice elsewhere that match a question well, for the answer card's "Colleagues elsewhere have
/// tried this" (the good-practice exchange provides them). At most two; none when nothing matches well.
/// </summary>
public interface IColleaguesPractice
{
    Task<IReadOnlyList<ColleagueExample>> ForQuestionAsync(string question, CancellationToken cancellationToken);
}

/// <summary>An example named on the answer card: its title and where it is from (both ready to display).</summary>
public sealed record ColleagueExample(string ExampleId, string Title, string From);
