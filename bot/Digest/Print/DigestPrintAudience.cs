using System.Globalization;
using LearningBot.Leads;
using LearningBot.People;
using Microsoft.Extensions.Options;

namespace LearningBot.Digest.Print;

/// <summary>Someone who gets the print pack, for one base.</summary>
public sealed record DigestPrintRecipient(string PersonKey, string Role, string Organisation, string OrganisationKind, string Base);

/// <summary>The copies suggested for a base and how they were worked out.</summary>
public sealed record DigestPrintSuggestion(int Copies, string Reason);

/// <summary>
/// Who gets the print pack and how many copies each is asked to put up. Every organisation's L&amp;D lead in the register
/// of leads (<see cref="LeadEntry.IsLearningLead"/>) gets one for their organisation (counting the people of the kind of
/// organisation they serve), and every volunteer coordinator in the people directory (a job title naming them, with
/// Teams) gets one for their base.
/// </summary>
/// <remarks>
/// The suggestion counts the people in the directory with no Teams account at the base (they cannot read the digest on
/// screen): <see cref="DigestPrintOptions.CopiesPerPersonWithoutTeams"/> each, never fewer than
/// <see cref="DigestPrintOptions.MinimumCopies"/> (a staff room and a notice board), rounded up to a multiple of 5 so
/// the number printed on the card never gives away a small count; a number set for the base wins.
/// </remarks>
public sealed class DigestPrintAudience(LeadRegister leads, IPeopleDirectory people, IOptions<DigestPrintOptions> options)
{
    public const string CoordinatorTitle = "volunteer coordinator";

    public async Task<IReadOnlyList<(DigestPrintRecipient Recipient, DigestPrintSuggestion Suggestion)>> ListAsync(CancellationToken cancellationToken)
    {
        var withoutTeamsByKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var withoutTeamsByOrganisation = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var recipients = new List<DigestPrintRecipient>();
        foreach (var lead in await leads.ListAsync(cancellationToken))
        {
            if (lead is { IsLearningLead: true, Retired: false } && lead.OrganisationKind.Length > 0)
            {
                recipients.Add(new(lead.PersonKey, DigestPrintPackEntry.LearningLead, lead.Organisation, lead.OrganisationKind, lead.Organisation));
            }
        }

        await foreach (var person in people.EveryoneAsync(cancellationToken))
        {
            if (!person.UsesTeams)
            {
                Count(withoutTeamsByKind, person.OrganisationKind);
                Count(withoutTeamsByOrganisation, BaseOf(person.Organisation));
            }
            else if (person.JobTitle?.Contains(CoordinatorTitle, StringComparison.OrdinalIgnoreCase) == true && person.Organisation is { Length: > 0 } organisation)
            {
                recipients.Add(new(person.Id, DigestPrintPackEntry.VolunteerCoordinator, organisation, person.OrganisationKind ?? string.Empty, BaseOf(organisation)));
            }
        }

        return [.. recipients.DistinctBy(r => r.PersonKey, StringComparer.OrdinalIgnoreCase).Select(r => (r, Suggest(r.Base,
            r.Role == DigestPrintPackEntry.LearningLead ? withoutTeamsByKind.GetValueOrDefault(r.OrganisationKind) : withoutTeamsByOrganisation.GetValueOrDefault(r.Base))))];
    }

    public DigestPrintSuggestion Suggest(string place, int peopleWithoutTeams)
    {
        var settings = options.Value;
        if (settings.Copies.TryGetValue(place, out var set) && set > 0)
        {
            return new(set, $"The L&D Support Team set {set.ToString(CultureInfo.InvariantCulture)} copies for {place}.");
        }

        var counted = (int)Math.Ceiling(peopleWithoutTeams * settings.CopiesPerPersonWithoutTeams);
        var copies = RoundUpToFive(Math.Max(settings.MinimumCopies, counted));
        return new(copies, counted > settings.MinimumCopies
            ? $"About one copy for each person at {place} who has no computer at work, rounded up to a multiple of 5."
            : $"Enough for staff rooms and notice boards at {place}: at least {settings.MinimumCopies.ToString(CultureInfo.InvariantCulture)} copies.");
    }

    /// <summary>A base is the organisation before any comma ("Harbour Lane Community Trust, Befriending Service" is at Harbour Lane Community Trust).</summary>
    public static string BaseOf(string? organisation) =>
        (organisation ?? string.Empty).Split(',', 2)[0].Trim();

    private static int RoundUpToFive(int copies) => (copies + 4) / 5 * 5;

    private static void Count(Dictionary<string, int> counts, string? key)
    {
        if (!string.IsNullOrEmpty(key))
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }
}
