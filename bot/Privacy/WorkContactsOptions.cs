using System.ComponentModel.DataAnnotations;

namespace LearningBot.Privacy;

/// <summary>
/// Contact details of services, teams and staff in their work role that answers and articles may keep (section
/// <c>Privacy:WorkContacts</c>); the who's who adds every email address and phone number it lists.
/// </summary>
public sealed record WorkContactsOptions : IValidatableObject
{
    public const string Section = "Privacy:WorkContacts";

    /// <summary>Organisation email domains (<c>nhs.net</c>): any address there, or at a subdomain, is a work address.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Team mailboxes and other single work addresses (<c>ld.support@example.org</c>).</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Switchboards and team lines, written any way (<c>01632 960000</c>, <c>+44 1632 960000</c>).</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (domain, index) in Domains.Select((d, i) => (d, i)))
        {
            if (!WorkContacts.IsDomain(domain))
            {
                yield return new($"{Section}:{nameof(Domains)}:{index} must be an email domain such as nhs.net (no @).", [nameof(Domains)]);
            }
        }

        foreach (var (address, index) in Addresses.Select((a, i) => (a, i)))
        {
            if (!WorkContacts.IsAddress(address))
            {
                yield return new($"{Section}:{nameof(Addresses)}:{index} must be an email address such as ld.support@example.org.", [nameof(Addresses)]);
            }
        }

        foreach (var (phone, index) in Phones.Select((p, i) => (p, i)))
        {
            if (WorkContacts.PhoneDigits(phone) is not { Length: >= 10 and <= 11 })
            {
                yield return new($"{Section}:{nameof(Phones)}:{index} must be a UK phone number such as 01632 960000.", [nameof(Phones)]);
            }
        }
    }
}
