using System.ComponentModel.DataAnnotations;

namespace LearningBot.People;

/// <summary>Microsoft Graph settings of the people directory (section <c>People:Graph</c>).</summary>
public sealed record GraphPeopleOptions
{
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>User-assigned managed identity; unset uses <c>DefaultAzureCredential</c>.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>How long Graph answers are reused; managers open their list often.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The problems with these settings, named under <paramref name="section"/>; checked with <see cref="PeopleOptions"/>.</summary>
    internal IEnumerable<ValidationResult> Validate(string section)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return new($"{section}:{nameof(BaseUrl)} must be an absolute URL, such as {DefaultBaseUrl}.", [nameof(PeopleOptions.Graph)]);
        }

        if (CacheDuration < TimeSpan.Zero)
        {
            yield return new($"{section}:{nameof(CacheDuration)} must not be negative.", [nameof(PeopleOptions.Graph)]);
        }
    }
}
