using System.Security.Cryptography;
using System.Text;

namespace LearningBot.People;

/// <summary>Checks what a manager typed for someone without a Teams account, and gives them their local id.</summary>
public static class NewPersonRules
{
    public const int MaxNameLength = 100;
    public const int MaxJobTitleLength = 100;
    public const int MaxOrganisationLength = 120;
    public const string LocalIdPrefix = "local:";

    /// <summary>Trims every field (blank becomes null) and throws <see cref="ArgumentException"/> for anything unusable.</summary>
    public static NewPerson Validate(NewPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var name = Clean(person.DisplayName)
            ?? throw new ArgumentException("Please give the person's name.", nameof(person));
        var jobTitle = Clean(person.JobTitle);
        var organisation = Clean(person.Organisation);
        var kind = Clean(person.OrganisationKind);

        CheckLength(name, MaxNameLength, "The name");
        CheckLength(jobTitle, MaxJobTitleLength, "The role");
        CheckLength(organisation, MaxOrganisationLength, "The organisation");
        if (kind is not null && !OrganisationKinds.IsKnown(kind))
        {
            throw new ArgumentException($"'{kind}' is not a kind of organisation this community has.", nameof(person));
        }

        return new NewPerson(name, jobTitle, organisation, kind);
    }

    public static bool IsLocalId(string personId) => personId.StartsWith(LocalIdPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The id of someone a manager adds, derived from the manager, name and organisation (case and spacing ignored),
    /// so a double-clicked submit or a repeated add lands on the same person instead of creating a second one.
    /// </summary>
    public static string LocalIdFor(string managerId, NewPerson person)
    {
        var identity = string.Join('\n', managerId, Normalise(person.DisplayName), Normalise(person.Organisation ?? string.Empty));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8 (name-based, custom hash)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return LocalIdPrefix + new Guid(hash[..16], bigEndian: true).ToString("D");
    }

    private static string Normalise(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private static string? Clean(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static void CheckLength(string? value, int max, string what)
    {
        if (value is { Length: var length } && length > max)
        {
            throw new ArgumentException($"{what} can be at most {max} characters (it has {length}).", "person");
        }
    }
}
