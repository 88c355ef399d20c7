using System.Text.RegularExpressions;

namespace LearningBot.LearningDirectory.Mandatory;

/// <summary>
/// A question the mandatory-topic answer takes: it names one topic and either asks where to do it ("where do I do my
/// BLS") or whether it must be done again on moving ("do I have to redo fire safety if I move to the council?").
/// Anything else (how often, what it is) stays with the knowledge base's articles.
/// </summary>
/// <param name="AboutMoving">Asked about moving between employers: the card puts the passport explanation first.</param>
public sealed partial record MandatoryQuestion(MandatoryTopic Topic, bool AboutMoving)
{
    public static MandatoryQuestion? Read(string question, MandatoryTopicGuide guide)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(guide);
        if (guide.Recognise(question) is not { } topic)
        {
            return null;
        }

        var rest = guide.WithoutTopicWords(question.ToLowerInvariant(), topic);
        var moving = Redo().IsMatch(rest) && Move().IsMatch(rest);
        return moving || WhereDoIDo().IsMatch(rest) ? new MandatoryQuestion(topic, moving) : null;
    }

    [GeneratedRegex(@"\bwhere\s+(do|can|should|would)\s+i\s+(do|get|go for|book|find)\s+(my|the|a|an)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WhereDoIDo();

    [GeneratedRegex(@"\b(re-?do|redoing|repeat(ing)?|again|from scratch|start over|still (count|valid|stand)|count|carry (it )?over|transfer(s|red)?|recogni[sz]ed)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Redo();

    [GeneratedRegex(@"\b(move|moving|moved|change (jobs?|employers?)|changing (jobs?|employers?)|new (job|employer|post|role)|switch(ing)?|join(ing)?|go(ing)? to work)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Move();
}
