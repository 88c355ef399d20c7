using LearningBot.Cards;
using LearningBot.FeedbackSignals;

namespace LearningBot.GoodPractice;

/// <summary>
/// Who an approved example comes from, as its contributor chose to be credited: a name only when credited by name (and
/// never for an entry on someone's behalf, whose contributor is the L&amp;D Support Team member who typed it), the
/// organisation unless anonymous, otherwise the kind of organisation. Every card and list that shows an example uses it.
/// </summary>
public static class ExampleCredit
{
    public static string Line(GoodPracticeExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
#pragma warning disable LB0001 // The stored (scrubbed) organisation's name of an approved example, shown as its contributor chose.
        var organisation = CardText.Literal(example.OrganisationName);
#pragma warning restore LB0001
        var kind = GoodPracticeChoices.OrganisationKinds.TitleOf(example.OrganisationKind);
        return example.Attribution switch
        {
            Attributions.NameAndOrganisation when !example.EnteredOnBehalf && example.ContributorName.Length > 0 && organisation.Length > 0 =>
                $"{CardText.Literal(example.ContributorName)}, {organisation}",
            Attributions.NameAndOrganisation or Attributions.OrganisationOnly when organisation.Length > 0 => organisation,
            _ => kind.Length > 0 ? $"Shared anonymously ({kind})" : "Shared anonymously",
        };
    }
}
