using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.Welcome.SmallTalk;

/// <summary>
/// The short answers to small talk: the help card for "?" or "hello", "You're welcome" for thanks, a goodbye for "bye",
/// a line saying what the bot is for to "tell me a joke" or "are you a robot", and nothing at all for a bare "ok" or 👍 (replying to an acknowledgement only starts another round).
/// </summary>
public sealed class SmallTalkReplies(CardCatalog cards, ILogger<SmallTalkReplies> logger) : ISmallTalk
{
    public const string YoureWelcome = "You're welcome. Ask me another learning question whenever you like.";

    public const string Goodbye = "Bye for now. Type **help** whenever you need me again.";

    public const string Chat =
        "I'm LearningBot, a helper for learning and development, so jokes are not my strong point. Ask me about courses, "
        + "mentoring, your Five Minute Review or anything else about learning at work, or type **help** to see what I can do.";

    public async Task<bool> TryAnswerAsync(ITurnContext turn)
    {
        if (SmallTalkRecogniser.Recognise(turn.Text) is not { } kind)
        {
            return false;
        }

        logger.LogDebug("Small talk: {SmallTalkKind}", kind);
        switch (kind)
        {
            case SmallTalkKind.HelpSeeking or SmallTalkKind.Greeting:
                await turn.SendCardAsync(cards.Render(WelcomeCardData.For(turn)));
                break;
            case SmallTalkKind.Thanks:
                await turn.SendTextAsync(YoureWelcome);
                break;
            case SmallTalkKind.Goodbye:
                await turn.SendTextAsync(Goodbye);
                break;
            case SmallTalkKind.Chat:
                await turn.SendTextAsync(Chat);
                break;
            case SmallTalkKind.Acknowledgement:
                break;
        }

        return true;
    }
}
