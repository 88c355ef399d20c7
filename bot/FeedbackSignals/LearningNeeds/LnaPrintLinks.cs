using LearningBot.BotHost;
using LearningBot.FiveMinuteReview;
using Microsoft.Extensions.Options;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>
/// Signed, expiring links to an analysis's printable page, signed with the deployment's link key
/// (<c>FiveMinuteReview:LinkSigningKey</c>) and a purpose label of their own, so no other kind of link is valid here.
/// </summary>
public sealed partial class LnaPrintLinks
{
    public const string Path = "/analyses/{id}/print";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private const string Purpose = "learning-needs-analysis";

    private readonly SignedLinks _links;
    private readonly IOptions<ReviewOptions> _options;
    private readonly IHttpContextAccessor _http;

    public LnaPrintLinks(IOptions<ReviewOptions> options, IHttpContextAccessor http, TimeProvider clock, ILogger<LnaPrintLinks> logger)
    {
        _options = options;
        _http = http;
        if (options.Value.LinkSigningKey is { Length: > 0 } configured)
        {
            _links = new SignedLinks(SignedLinks.KeyBytes(configured)
                ?? throw new InvalidOperationException("FiveMinuteReview:LinkSigningKey must be base64 for at least 32 bytes."), Purpose, clock);
        }
        else
        {
            // Outside Development the review's own check refuses to start without the deployment's link key.
            _links = new SignedLinks(null, Purpose, clock);
            LogKeyMadeAtStartup(logger);
        }
    }

    /// <summary>The full link to the analysis's printable page, or empty when the bot does not know its address.</summary>
    public string Create(string analysisId)
    {
        var baseUrl = _options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured
            : _http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}" : null;
        return baseUrl is null ? string.Empty : $"{baseUrl.TrimEnd('/')}{PathAndQuery(analysisId, _links.ExpiresAfter(Lifetime))}";
    }

    public string PathAndQuery(string analysisId, long expiresUnixSeconds) =>
        $"/analyses/{Uri.EscapeDataString(analysisId)}/print?{_links.Query(analysisId, expiresUnixSeconds)}";

    public SignedLinkCheck Check(string analysisId, string? exp, string? sig) => _links.Check(analysisId, exp, sig);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No link signing key is set, so printable learning needs analysis links are signed with a key made at start-up: they stop working when the bot restarts and only work on this instance.")]
    private static partial void LogKeyMadeAtStartup(ILogger logger);
}
