using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.BotHost;

/// <summary>
/// The bot's public address and its one link-signing key, shared by every kind of signed link; each kind signs with a
/// purpose label of its own (<see cref="SignedLinks"/>), so a link of one kind is never valid as another.
/// </summary>
public sealed partial class PublicLinks
{
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public PublicLinks(IOptions<PublicLinksOptions> options, TimeProvider clock, ILogger<PublicLinks> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        BaseUrl = string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? null : options.Value.BaseUrl.TrimEnd('/');
        if (string.IsNullOrWhiteSpace(options.Value.SigningKey))
        {
            // Only a Development run gets here without a key: start-up refuses it anywhere else.
            _key = RandomNumberGenerator.GetBytes(32);
            LogKeyMadeAtStartup(logger);
        }
        else
        {
            _key = SignedLinks.KeyBytes(options.Value.SigningKey)
                ?? throw new InvalidOperationException($"{PublicLinksOptions.Section}:{nameof(PublicLinksOptions.SigningKey)} must be base64 for at least 32 bytes.");
        }
    }

    /// <summary>The configured public address, without a trailing slash; null when none is set.</summary>
    public string? BaseUrl { get; }

    /// <summary>The configured public address, or else the address <paramref name="http"/> came to; null when neither is known.</summary>
    public string? BaseUrlOr(HttpContext? http) =>
        BaseUrl ?? (http?.Request is { } request ? AddressOf(request) : null);

    /// <summary>
    /// The configured public address, or else the address the request being served came to (a turn's, for links in
    /// its cards); null when neither is known, as in background work.
    /// </summary>
    public string? CurrentBaseUrl => BaseUrl ?? RequestAddress.Value;

    /// <summary>
    /// Notes the address of each request, for <see cref="CurrentBaseUrl"/>, when no public address is configured.
    /// Only the address is kept, never the request: ASP.NET Core's IHttpContextAccessor would do, but registering it
    /// makes the server build a new HttpContext for every request instead of reusing one per connection.
    /// </summary>
    public void NoteRequestAddresses(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (BaseUrl is null)
        {
            app.Use(static (context, next) =>
            {
                RequestAddress.Value = AddressOf(context.Request);
                return next(context);
            });
        }
    }

    private static readonly AsyncLocal<string?> RequestAddress = new();

    // The last address made, handed out again while requests come to the same one (nearly always): no string per
    // request. (Setting RequestAddress still costs an execution context per request, about 0.1 KB.)
    private static string? _lastAddress;

    private static string AddressOf(HttpRequest request)
    {
        var (scheme, host, pathBase) = (request.Scheme, request.Host.ToUriComponent(), request.PathBase.ToUriComponent());
        if (Volatile.Read(ref _lastAddress) is { } last
            && last.Length == scheme.Length + 3 + host.Length + pathBase.Length
            && last.AsSpan(0, scheme.Length).SequenceEqual(scheme)
            && last.AsSpan(scheme.Length, 3).SequenceEqual("://")
            && last.AsSpan(scheme.Length + 3, host.Length).SequenceEqual(host)
            && last.AsSpan(scheme.Length + 3 + host.Length).SequenceEqual(pathBase))
        {
            return last;
        }

        var address = $"{scheme}://{host}{pathBase}";
        Volatile.Write(ref _lastAddress, address);
        return address;
    }

    /// <summary>Signs and checks links of one kind; null only for the review's printable pages, signed before purposes were.</summary>
    public SignedLinks Signer(string? purpose) => new(_key, purpose, _clock);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "PublicLinks:SigningKey is not set, so signed links (printable pages, delivery reports) use a key made at start-up: " +
        "they stop working when the bot restarts and only work on this instance. Any environment but Development refuses " +
        "to start without a shared base64 key of 32 bytes or more.")]
    private static partial void LogKeyMadeAtStartup(ILogger logger);
}

public static class PublicLinksServiceCollectionExtensions
{
    /// <summary>The public address and link-signing key (settings in <c>PublicLinks</c>). Safe to call more than once.</summary>
    public static IServiceCollection AddPublicLinks(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(PublicLinks)))
        {
            return services;
        }

        services.AddOptions<PublicLinksOptions>()
            .BindConfiguration(PublicLinksOptions.Section)
            .PostConfigure<IConfiguration>(PublicLinksOptions.FallBackToOlderSettings)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicLinksOptions>, PublicLinksValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PublicLinks>();
        return services;
    }
}
