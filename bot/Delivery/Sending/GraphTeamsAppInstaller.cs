using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// Installs the app for a person through Microsoft Graph (<c>POST /users/{id}/teamwork/installedApps</c>, binding the
/// app catalogue entry <see cref="RecipientReachOptions.TeamsAppId"/>). Needs the application permission
/// <c>TeamsAppInstallation.ReadWriteForUser.All</c>.
/// </summary>
/// <remarks>
/// How Graph answers: 201 installed; 409 already installed (counted as installed); 404 the user does not exist (left the
/// organisation); 403 with "blocked by app permission policy" the organisation's policy blocks the app; 403 saying the
/// user has no licence, or 404 from Teams rather than the directory, means no Teams account. Any other 403 is the bot's
/// own permission missing, which no retry mends.
/// </remarks>
public sealed partial class GraphTeamsAppInstaller(GraphServiceClient graph, IOptions<RecipientReachOptions> options, ILogger<GraphTeamsAppInstaller> logger)
    : ITeamsAppInstaller
{
    /// <summary>The catalogue the binding names; Graph expects this absolute URL whatever endpoint the client calls.</summary>
    public const string AppCatalogUrl = "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/";

    private const string DirectoryNotFound = "Request_ResourceNotFound";

    public async Task<AppInstallOutcome> InstallAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (string.IsNullOrWhiteSpace(options.Value.TeamsAppId))
        {
            return new AppInstallOutcome.Rejected("no-teams-app-id");
        }

        var installation = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object> { ["teamsApp@odata.bind"] = AppCatalogUrl + options.Value.TeamsAppId },
        };

        try
        {
            await graph.Users[userId].Teamwork.InstalledApps.PostAsync(installation, cancellationToken: cancellationToken);
            LogInstalled(logger);
            return new AppInstallOutcome.Installed();
        }
        catch (ODataError error)
        {
            var outcome = Classify(error.ResponseStatusCode, error.Error?.Code, error.Error?.Message);
            LogRefused(logger, error.ResponseStatusCode, error.Error?.Code, outcome.GetType().Name);
            return outcome;
        }
        catch (ApiException error)
        {
            return Classify(error.ResponseStatusCode, null, null);
        }
        catch (HttpRequestException)
        {
            return new AppInstallOutcome.Transient("graph-unreachable");
        }
        catch (Exception failure) when (failure is AuthenticationFailedException or CredentialUnavailableException)
        {
            return new AppInstallOutcome.Transient("graph-token");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AppInstallOutcome.Transient("graph-timeout");
        }
    }

    /// <summary>What Graph's answer to an install means for the recipient.</summary>
    public static AppInstallOutcome Classify(int status, string? code, string? message) => status switch
    {
        409 => new AppInstallOutcome.Installed(),
        404 when code is null || string.Equals(code, DirectoryNotFound, StringComparison.OrdinalIgnoreCase) =>
            new AppInstallOutcome.Unreachable(UnreachableReasons.LeftOrganisation),
        404 => new AppInstallOutcome.Unreachable(UnreachableReasons.NoTeams),
        403 when Says(message, "license") || Says(message, "licence") => new AppInstallOutcome.Unreachable(UnreachableReasons.NoTeams),
        403 when Says(message, "blocked") => new AppInstallOutcome.Unreachable(UnreachableReasons.AppBlocked),
        429 or >= 500 => new AppInstallOutcome.Transient($"graph-{status}"),
        _ => new AppInstallOutcome.Rejected($"graph-{status}"),
    };

    private static bool Says(string? message, string word) => message?.Contains(word, StringComparison.OrdinalIgnoreCase) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed the app for a recipient")]
    private static partial void LogInstalled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph answered {Status} ({Code}) to installing the app: {Outcome}")]
    private static partial void LogRefused(ILogger logger, int status, string? code, string outcome);
}
