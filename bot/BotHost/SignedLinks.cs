using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LearningBot.BotHost;

public enum SignedLinkCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Signs and checks links that expire: HMAC-SHA256 over a purpose label (when there is one), an id and the expiry
/// time, so a link cannot be altered to reach another id or to last longer, and a signature made for one kind of link
/// is never valid for another kind signed with the same key.
/// </summary>
public sealed class SignedLinks
{
    private readonly byte[] _key;
    private readonly string? _purpose;
    private readonly TimeProvider _clock;

    /// <param name="key">The key's bytes (at least 32), or null to make one now: links then stop working when the bot restarts.</param>
    /// <param name="purpose">The kind of link, signed with it; null only for the review's printable pages, signed before purposes were.</param>
    public SignedLinks(byte[]? key, string? purpose, TimeProvider clock)
    {
        if (key is { Length: < 32 })
        {
            throw new ArgumentException("A link signing key must be at least 32 bytes.", nameof(key));
        }

        _key = key ?? RandomNumberGenerator.GetBytes(32);
        _purpose = purpose;
        _clock = clock;
    }

    /// <summary>The key's bytes, or null when it is not base64 for at least 32 bytes.</summary>
    public static byte[]? KeyBytes(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= 32 ? bytes[..length] : null;
    }

    /// <summary>The expiry (Unix seconds) of a link made now that lasts <paramref name="lifetime"/>.</summary>
    public long ExpiresAfter(TimeSpan lifetime) => _clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();

    /// <summary>The query string (<c>exp=…&amp;sig=…</c>) of a link to <paramref name="id"/> that stops working at <paramref name="expiresUnixSeconds"/>.</summary>
    public string Query(string id, long expiresUnixSeconds) =>
        $"exp={expiresUnixSeconds.ToString(CultureInfo.InvariantCulture)}&sig={Sign(id, expiresUnixSeconds)}";

    public SignedLinkCheck Check(string id, string? exp, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || string.IsNullOrEmpty(sig))
        {
            return SignedLinkCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(id, seconds));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig)))
        {
            return SignedLinkCheck.Invalid;
        }

        return _clock.GetUtcNow().ToUnixTimeSeconds() > seconds ? SignedLinkCheck.Expired : SignedLinkCheck.Valid;
    }

    private string Sign(string id, long expires)
    {
        var parts = _purpose is null
            ? string.Concat(id, "\n", expires.ToString(CultureInfo.InvariantCulture))
            : string.Join('\n', _purpose, id, expires.ToString(CultureInfo.InvariantCulture));
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
