using LearningBot.Delivery;
using LearningBot.People;

namespace LearningBot.Announcements;

/// <summary>The people an announcement goes to, from the people directory: counted for the preview, listed for the send.</summary>
public sealed class AnnouncementAudience(IPeopleDirectory people)
{
    public async Task<AudienceSize> MeasureAsync(string audience, string authorKey, CancellationToken cancellationToken)
    {
        int total = 0, inTeams = 0;
        await foreach (var person in PeopleAsync(audience, authorKey, cancellationToken))
        {
            total++;
            inTeams += person.UsesTeams ? 1 : 0;
        }

        return new AudienceSize(total, inTeams);
    }

    /// <summary>Each person once, with only what the delivery report needs of them (organisation, its kind, whether they use Teams).</summary>
    public async Task<IReadOnlyList<DeliveryRecipient>> RecipientsAsync(string audience, string authorKey, CancellationToken cancellationToken)
    {
        var recipients = new List<DeliveryRecipient>();
        await foreach (var person in PeopleAsync(audience, authorKey, cancellationToken))
        {
            recipients.Add(DeliveryRecipient.Person(person.Id, person.Organisation, person.OrganisationKind, person.UsesTeams));
        }

        return recipients;
    }

    private async IAsyncEnumerable<Person> PeopleAsync(string audience, string authorKey, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (audience == AnnouncementAudiences.Me)
        {
            yield return await people.GetPersonAsync(authorKey, cancellationToken)
                ?? new Person(authorKey, string.Empty, null, null, null, null, UsesTeams: true, PersonSource.Directory, null);
            yield break;
        }

        var kind = AnnouncementAudiences.KindOf(audience);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var person in people.EveryoneAsync(cancellationToken))
        {
            if ((kind is null || person.OrganisationKind == kind) && seen.Add(person.Id))
            {
                yield return person;
            }
        }
    }
}
