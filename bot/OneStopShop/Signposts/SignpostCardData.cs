using LearningBot.Cards;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>Data for <c>signpost</c>: where to go with a question that is not about learning, and a way back if it is.</summary>
/// <param name="QuestionId">The logged question, for "It's about learning"; empty when it could not be logged.</param>
/// <param name="Question">The question as stored (personal details removed), carried by the button.</param>
/// <param name="YouAsked">The same question for display (<see cref="CardText.Literal"/>).</param>
public sealed record SignpostCardData(
    string QuestionId,
    string Question,
    string YouAsked,
    string Title,
    string Message,
    bool Urgent,
    string UrgentLine,
    IReadOnlyList<SignpostRoute> Routes) : ICardData
{
    public static string CardName => "signpost";

    public static SignpostCardData For(QuestionRecord record, Signpost signpost)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(signpost);
        return new(
            record.RowKey,
            record.Question,
            CardText.Echo(record.Question),
            signpost.Title,
            signpost.Message,
            signpost.Urgent,
            signpost.UrgentLine ?? string.Empty,
            signpost.Routes);
    }
}
