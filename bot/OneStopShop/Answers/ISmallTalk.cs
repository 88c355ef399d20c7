using LearningBot.Connector.Hosting;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Answers a message that is small talk rather than a question ("thanks!", "👍", "what can u do"), before the one-stop
/// shop treats it as a question (the welcome capability provides it). Small talk is neither answered as a question nor logged as one.
/// </summary>
public interface ISmallTalk
{
    /// <summary>True when the message was small talk and has been answered (for a bare "ok", by saying nothing).</summary>
    Task<bool> TryAnswerAsync(ITurnContext turn);
}
