namespace LearningBot.Privacy;

/// <summary>
/// The allow-list of work contacts: organisation email domains, team mailboxes, switchboards and the who's who's
/// addresses and numbers. They are not personal data about a patient or service user, so an expert's answer or an
/// article keeps them (<see cref="PersonalDataScrubber.Scrub(string?, DateOnly, WorkContacts, ScrubMarking)"/>); any
/// other email address or phone number is still removed. Text about patients and staff (feedback signals, reviews)
/// does not use it: there a member of staff's work address or direct line would name the person it is about.
/// </summary>
public sealed class WorkContacts
{
    private readonly HashSet<string> _domains;
    private readonly HashSet<string> _addresses;
    private readonly HashSet<string> _phones;

    private WorkContacts(IEnumerable<string> domains, IEnumerable<string> addresses, IEnumerable<string> phones)
    {
        _domains = new(domains.Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Where(IsDomain), StringComparer.Ordinal);
        _addresses = new(addresses.Select(a => a.Trim().ToLowerInvariant()).Where(IsAddress), StringComparer.Ordinal);
        _phones = new(phones.Select(PhoneDigits).OfType<string>().Where(p => p.Length >= 10), StringComparer.Ordinal);
    }

    /// <summary>Keeps nothing: every email address and phone number is removed.</summary>
    public static WorkContacts None { get; } = new([], [], []);

    /// <summary>The configured contacts plus <paramref name="listed"/> (the who's who's emails and phones, either kind, nulls ignored).</summary>
    public static WorkContacts From(WorkContactsOptions options, IEnumerable<string?> listed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var extra = listed.OfType<string>().Where(c => c.Trim().Length > 0).ToList();
        return new(options.Domains, options.Addresses.Concat(extra.Where(IsAddress)), options.Phones.Concat(extra.Where(c => !c.Contains('@', StringComparison.Ordinal))));
    }

    public bool IsEmpty => _domains.Count == 0 && _addresses.Count == 0 && _phones.Count == 0;

    /// <summary>Whether the scrubber's finding (as it reads in the normalised text) is a work contact to keep.</summary>
    internal bool Keeps(string kind, string found)
    {
        if (kind == PersonalDataScrubber.EmailAddress)
        {
            var address = found.Trim().ToLowerInvariant();
            if (!IsAddress(address))
            {
                return false; // Written out ("jo at example dot org") or bracketed: nobody writes a team mailbox that way.
            }

            var domain = address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
            return _addresses.Contains(address) || _domains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
        }

        return kind is PersonalDataScrubber.PhoneNumber or PersonalDataScrubber.LongNumber && PhoneDigits(found) is { } digits && _phones.Contains(digits);
    }

    internal static bool IsDomain(string? domain) =>
        domain is { Length: > 2 } && !domain.Contains('@', StringComparison.Ordinal) && domain.Contains('.', StringComparison.Ordinal)
        && !domain.StartsWith('.') && !domain.EndsWith('.') && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    internal static bool IsAddress(string? address)
    {
        if (address is null)
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == address.LastIndexOf('@') && !address.Any(char.IsWhiteSpace) && IsDomain(address[(at + 1)..]);
    }

    /// <summary>A UK number as its national digits (<c>+44 (0)1632 960000</c> → <c>01632960000</c>); null when it has none.</summary>
    internal static string? PhoneDigits(string? phone)
    {
        if (phone is null)
        {
            return null;
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("0044", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith("44", StringComparison.Ordinal) && phone.TrimStart().StartsWith('+'))
        {
            digits = digits[2..];
        }

        digits = digits.StartsWith('0') ? digits : "0" + digits;
        return digits.Length > 1 ? digits : null;
    }
}
