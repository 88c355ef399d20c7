using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Tests.Support;

/// <summary>
/// A local stand-in for login.botframework.com and login.microsoftonline.com: a Kestrel server on a free loopback
/// port serving OpenID metadata and JWKS documents (with <c>endorsements</c>), plus a minter of tokens signed by
/// its keys with any claims, algorithm, key id or lifetime.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string AppId = "6f0b6a71-3c4e-4d5a-9a0e-2b1c8d7e5f40";
    public const string BotTenantId = "0e4c2a6b-7d1f-4b9e-8c3a-5f2d1e0b9a87";

    /// <summary>Stands for the app Azure Bot Service calls bots as with Entra ID tokens; its id is not documented, and the bot does not depend on it.</summary>
    public const string BotServiceAppId = "b0750e1c-2f4a-4d8e-9b6c-3a5d7e9f1c20";
    public const string ChannelId = "msteams";
    public const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    private const string BotFrameworkMetadataPath = "/botframework/v1/.well-known/openidconfiguration";
    private const string BotFrameworkKeysPath = "/botframework/v1/.well-known/keys";
    private const string EntraMetadataPath = "/entra/common/v2.0/.well-known/openid-configuration";
    private const string EntraKeysPath = "/entra/common/discovery/v2.0/keys";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TestSigningKey> _published = new();
    private readonly List<TestSigningKey> _owned = [];
    private int _keyRequests;
    private int _metadataRequests;
    private bool _unavailable;

    private TestTokenIssuer(WebApplication app)
    {
        _app = app;
        MapEndpoints();
        BotFrameworkKey = AddKey(TestKeySet.BotFramework, "bf-key-1", [ChannelId, "webchat"]);
        EntraKey = AddKey(TestKeySet.Entra, "entra-key-1", issuer: "https://login.microsoftonline.com/{tenantid}/v2.0");
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The clock default token lifetimes are taken from; set it to the clock the code under test uses.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Bot Connector style metadata (issuer https://api.botframework.com).</summary>
    public string MetadataUrl => BaseUrl + BotFrameworkMetadataPath;

    /// <summary>Entra ID common v2.0 style metadata (issuer template with <c>{tenantid}</c>).</summary>
    public string EntraMetadataUrl => BaseUrl + EntraMetadataPath;

    /// <summary>The published Bot Connector key, endorsed for msteams and webchat.</summary>
    public TestSigningKey BotFrameworkKey { get; }

    /// <summary>The published Entra ID key.</summary>
    public TestSigningKey EntraKey { get; }

    /// <summary>How many times either JWKS document has been served.</summary>
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    /// <summary>How many times either metadata document has been requested, answered or not.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>While true every document is answered with 503, as during an outage.</summary>
    public bool Unavailable { get => Volatile.Read(ref _unavailable); set => Volatile.Write(ref _unavailable, value); }

    public static async Task<TestTokenIssuer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var issuer = new TestTokenIssuer(builder.Build());
        await issuer._app.StartAsync(cancellationToken);
        var addresses = issuer._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        issuer.BaseUrl = addresses.Addresses.First().TrimEnd('/');
        return issuer;
    }

    /// <summary>Settings for <c>AddBotAuthentication</c> (or the whole bot) that point it at this issuer.</summary>
    public Dictionary<string, string?> BotSettings(string? appId = AppId, string? tenantId = BotTenantId) => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppTenantId"] = tenantId,
        // Single-tenant, as Azure Bot Service registers bots now: a multi-tenant bot does not trust its tenants' tokens by default.
        ["MicrosoftAppType"] = tenantId is null ? null : "SingleTenant",
        ["BotAuthentication:OpenIdMetadataUrl"] = MetadataUrl,
        ["BotAuthentication:EntraOpenIdMetadataUrl"] = EntraMetadataUrl,
        ["BotAuthentication:RequireHttpsMetadata"] = "false",
    };

    /// <summary>Creates a key without publishing it.</summary>
    public TestSigningKey CreateKey(TestKeySet keySet, string keyId, IReadOnlyList<string>? endorsements = null, string? issuer = null)
    {
        lock (_owned)
        {
            var key = new TestSigningKey(keySet, keyId, endorsements, issuer, TestKeyMaterial.Get(_owned.Count));
            _owned.Add(key);
            return key;
        }
    }

    /// <summary>Creates a key and publishes it in its JWKS.</summary>
    public TestSigningKey AddKey(TestKeySet keySet, string keyId, IReadOnlyList<string>? endorsements = null, string? issuer = null) =>
        Publish(CreateKey(keySet, keyId, endorsements, issuer));

    public TestSigningKey Publish(TestSigningKey key)
    {
        _published[key.KeyId] = key;
        return key;
    }

    public void Unpublish(TestSigningKey key) => _published.TryRemove(key.KeyId, out _);

    public string CreateToken(Action<TokenSpec>? configure = null)
    {
        var spec = new TokenSpec();
        configure?.Invoke(spec);
        var key = spec.SigningKey ?? (spec.Issuer == BotFrameworkIssuer ? BotFrameworkKey : EntraKey);

        var header = new Dictionary<string, object> { ["alg"] = spec.Algorithm, ["typ"] = "JWT" };
        var kid = spec.KeyId ?? key.KeyId;
        if (kid.Length > 0)
        {
            header["kid"] = kid;
        }

        foreach (var (name, value) in spec.Headers)
        {
            if (value is null)
            {
                header.Remove(name);
            }
            else
            {
                header[name] = value;
            }
        }

        var signingInput = Encode(header) + "." + Encode(Payload(spec));
        return signingInput + "." + Base64UrlEncoder.Encode(Sign(spec, key, Encoding.ASCII.GetBytes(signingInput)));
    }

    private Dictionary<string, object> Payload(TokenSpec spec)
    {
        var now = Clock.GetUtcNow();
        var notBefore = spec.NotBefore ?? now.AddSeconds(-5);
        var payload = new Dictionary<string, object>
        {
            ["iss"] = spec.Issuer,
            ["nbf"] = notBefore.ToUnixTimeSeconds(),
            ["iat"] = notBefore.ToUnixTimeSeconds(),
            ["exp"] = (spec.Expires ?? now.AddHours(1)).ToUnixTimeSeconds(),
        };
        if (spec.Audience is not null)
        {
            payload["aud"] = spec.Audience;
        }

        if (spec.ServiceUrl is not null)
        {
            payload["serviceurl"] = spec.ServiceUrl;
        }

        foreach (var (name, value) in spec.Claims)
        {
            if (value is null)
            {
                payload.Remove(name);
            }
            else
            {
                payload[name] = value;
            }
        }

        return payload;
    }

    private static byte[] Sign(TokenSpec spec, TestSigningKey key, byte[] data) => spec.Algorithm switch
    {
        "none" => [],
        "RS256" => key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "RS384" => key.Rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
        "RS512" => key.Rsa.SignData(data, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1),
        "PS256" => key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
        "HS256" => HMACSHA256.HashData(Secret(spec), data),
        "HS384" => HMACSHA384.HashData(Secret(spec), data),
        "HS512" => HMACSHA512.HashData(Secret(spec), data),
        _ => throw new NotSupportedException($"The test issuer cannot sign with {spec.Algorithm}."),
    };

    private static byte[] Secret(TokenSpec spec) =>
        spec.SymmetricKey ?? throw new InvalidOperationException("HS* tokens need TokenSpec.SymmetricKey.");

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    private void MapEndpoints()
    {
        _app.MapGet(BotFrameworkMetadataPath, (HttpRequest request) => Metadata(new Dictionary<string, object>
        {
            ["issuer"] = BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = Origin(request) + BotFrameworkKeysPath,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        _app.MapGet(EntraMetadataPath, (HttpRequest request) => Metadata(new Dictionary<string, object>
        {
            ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
            ["jwks_uri"] = Origin(request) + EntraKeysPath,
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet(BotFrameworkKeysPath, () => Keys(TestKeySet.BotFramework));
        _app.MapGet(EntraKeysPath, () => Keys(TestKeySet.Entra));
    }

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private IResult Metadata(Dictionary<string, object> document)
    {
        Interlocked.Increment(ref _metadataRequests);
        return Unavailable ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Json(document);
    }

    private IResult Keys(TestKeySet keySet)
    {
        if (Unavailable)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Interlocked.Increment(ref _keyRequests);
        var keys = _published.Values.Where(k => k.KeySet == keySet).Select(k => k.ToJwk()).ToList();
        return Results.Json(new { keys });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        lock (_owned)
        {
            _owned.ForEach(k => k.Dispose());
        }
    }
}
