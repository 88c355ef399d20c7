using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Tests.Support;

/// <summary>Which of the issuer's two key documents a key is published in.</summary>
public enum TestKeySet
{
    /// <summary>The Bot Connector's JWKS (keys carry <c>endorsements</c>).</summary>
    BotFramework,

    /// <summary>Entra ID's common JWKS (keys carry an <c>issuer</c> template).</summary>
    Entra,
}

/// <summary>An RSA key pair as a JWKS entry, with the Bot Framework's and Entra ID's extra members.</summary>
public sealed class TestSigningKey : IDisposable
{
    internal TestSigningKey(TestKeySet keySet, string keyId, IReadOnlyList<string>? endorsements, string? issuer, RSAParameters keyPair)
    {
        Rsa = RSA.Create(keyPair);
        KeySet = keySet;
        KeyId = keyId;
        Endorsements = endorsements;
        Issuer = issuer;
    }

    public TestKeySet KeySet { get; }
    public string KeyId { get; }

    /// <summary>Channels the key is endorsed for; null leaves the <c>endorsements</c> member out.</summary>
    public IReadOnlyList<string>? Endorsements { get; }

    /// <summary>The key's <c>issuer</c> member (Entra ID style, may contain <c>{tenantid}</c>); null leaves it out.</summary>
    public string? Issuer { get; }

    public RSA Rsa { get; }

    /// <summary>The public key as PEM text, the "secret" in the RS256-to-HS256 key confusion attack.</summary>
    public string PublicKeyPem => Rsa.ExportSubjectPublicKeyInfoPem();

    internal Dictionary<string, object> ToJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = Endorsements;
        }

        if (Issuer is not null)
        {
            jwk["issuer"] = Issuer;
        }

        return jwk;
    }

    public void Dispose() => Rsa.Dispose();
}

/// <summary>
/// RSA key generation is slow on small build machines, so key pairs are made once per test run and reused:
/// within one issuer every key is still distinct.
/// </summary>
internal static class TestKeyMaterial
{
    private static readonly List<RSAParameters> Pool = [];

    public static RSAParameters Get(int index)
    {
        lock (Pool)
        {
            while (Pool.Count <= index)
            {
                using var rsa = RSA.Create(2048);
                Pool.Add(rsa.ExportParameters(includePrivateParameters: true));
            }

            return Pool[index];
        }
    }
}
