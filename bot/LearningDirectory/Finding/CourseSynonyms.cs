using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>
/// Course names staff shorten or say differently, on top of the one-stop shop's <c>knowledge/synonyms.txt</c>. Kept
/// here so that the directory's words never change how articles rank.
/// </summary>
public static class CourseSynonyms
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Groups =
    [
        ["basic life support", "bls", "resuscitation", "resus", "cpr", "life support", "adult basic life support"],
        ["moving and handling", "m&h", "manual handling", "moving & handling", "patient handling", "people handling", "hoisting"],
        ["information governance", "ig", "data security", "data protection", "gdpr", "data security awareness"],
        ["infection prevention and control", "ipc", "infection control", "infection prevention", "hand hygiene"],
        ["safeguarding adults", "adult safeguarding", "safeguarding vulnerable adults", "sova"],
        ["safeguarding children", "child protection", "safeguarding kids"],
        ["end of life care", "end-of-life care", "palliative care", "end of life", "palliative", "dying"],
        ["dementia", "dementia care", "dementia awareness", "alzheimers", "alzheimer's"],
        ["fire safety", "fire training", "fire awareness", "fire warden"],
        ["conflict resolution", "de-escalation", "deescalation", "managing aggression", "violence and aggression"],
        ["mental capacity act", "mca", "deprivation of liberty", "dols", "liberty protection safeguards"],
        ["equality diversity and inclusion", "edi", "equality and diversity", "equality, diversity and inclusion"],
        ["medication", "medicines management", "medicines", "meds", "medication administration"],
        ["health and safety", "h&s", "health & safety"],
        ["learning disability and autism", "oliver mcgowan", "learning disabilities", "autism awareness"],
    ];

    /// <summary>The one-stop shop's groups followed by the directory's own.</summary>
    public static SynonymTable With(SynonymTable knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return SynonymTable.FromGroups(knowledge.Groups.Concat(Groups));
    }
}
