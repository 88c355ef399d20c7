using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LearningBot.Storage.Http;

/// <summary>Which Shared Key string-to-sign the Table service should check.</summary>
public enum SharedKeyScheme
{
    /// <summary>VERB, Content-MD5, Content-Type, Date and the canonicalized resource.</summary>
    SharedKey,

    /// <summary>Date and the canonicalized resource only.</summary>
    SharedKeyLite,
}

/// <summary>
/// Signs requests with the account key the way the Table service expects (its string-to-sign is shorter than
/// Blob's: no canonicalized headers). The canonicalized resource is "/account" + the request's encoded path,
/// which for path-style (emulator) endpoints repeats the account name.
/// </summary>
internal sealed class SharedKeyAuthorizer : ITableRequestAuthorizer
{
    private readonly string _accountName;
    private readonly byte[] _key;
    private readonly SharedKeyScheme _scheme;
    private readonly string _headerPrefix;

    public SharedKeyAuthorizer(string accountName, string accountKey, SharedKeyScheme scheme)
    {
        _accountName = accountName;
        _key = Convert.FromBase64String(accountKey);
        _scheme = scheme;
        _headerPrefix = $"{(scheme == SharedKeyScheme.SharedKey ? "SharedKey" : "SharedKeyLite")} {accountName}:";
    }

    public ValueTask AuthorizeAsync(HttpRequestMessage request, string? contentType, CancellationToken cancellationToken)
    {
        var date = RequestDate.Now();
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("Authorization", Sign(request.Method.Method, contentType, date, request.RequestUri!));
        return ValueTask.CompletedTask;
    }

    internal string Sign(string method, string? contentType, string date, Uri uri)
    {
        var path = uri.AbsolutePath;
        var maxChars = method.Length + (contentType?.Length ?? 0) + date.Length + _accountName.Length + path.Length + 8;
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(maxChars));
        try
        {
            var length = WriteStringToSign(rented, method, contentType, date, path);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, rented.AsSpan(0, length), hash);
            Span<char> signature = stackalloc char[44];
            Convert.TryToBase64Chars(hash, signature, out var written);
            return string.Concat(_headerPrefix.AsSpan(), signature[..written]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private int WriteStringToSign(Span<byte> buffer, string method, string? contentType, string date, string path)
    {
        var at = 0;
        if (_scheme == SharedKeyScheme.SharedKey)
        {
            at += Encoding.UTF8.GetBytes(method, buffer[at..]);
            buffer[at++] = (byte)'\n';
            buffer[at++] = (byte)'\n'; // Content-MD5 is never sent.
            at += Encoding.UTF8.GetBytes(contentType ?? string.Empty, buffer[at..]);
            buffer[at++] = (byte)'\n';
        }

        at += Encoding.UTF8.GetBytes(date, buffer[at..]);
        buffer[at++] = (byte)'\n';
        buffer[at++] = (byte)'/';
        at += Encoding.UTF8.GetBytes(_accountName, buffer[at..]);
        at += Encoding.UTF8.GetBytes(path, buffer[at..]);
        return at;
    }
}

/// <summary>The RFC 1123 request date, formatted once per second rather than once per request.</summary>
internal static class RequestDate
{
    private static Tuple<long, string> s_cached = Tuple.Create(0L, string.Empty);

    public static string Now()
    {
        var now = DateTime.UtcNow;
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        var cached = Volatile.Read(ref s_cached);
        if (cached.Item1 == second)
        {
            return cached.Item2;
        }

        var formatted = now.ToString("R", CultureInfo.InvariantCulture);
        Volatile.Write(ref s_cached, Tuple.Create(second, formatted));
        return formatted;
    }
}
