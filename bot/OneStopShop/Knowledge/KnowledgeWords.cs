using LearningBot.Connector.Hosting;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>The words of the knowledge base's articles as they stand now, which the router never takes for slips.</summary>
internal sealed class KnowledgeWords(AnswerEngine engine) : IKnownWords
{
    public bool Knows(string word) => engine.Knowledge.KnowsWord(word);
}
