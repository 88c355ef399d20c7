using System.Net;
using LearningBot.Connector.Client;

namespace LearningBot.Delivery.Sending;

/// <summary>What a refused Bot Connector call means for a delivery, from the status and Teams' error codes.</summary>
public static class ConnectorFailures
{
    /// <summary>The wait assumed when a 429 comes without a Retry-After.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <param name="toChannel">A channel post: a missing conversation then means the channel is gone rather than the chat.</param>
    public static RecipientSendResult Classify(ConnectorException failure, bool toChannel)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new RecipientSendResult.Throttled(failure.RetryAfter ?? DefaultRetryAfter),
            null => new RecipientSendResult.Transient(failure.Code ?? "no-answer"),
            >= HttpStatusCode.InternalServerError or HttpStatusCode.PreconditionFailed or HttpStatusCode.RequestTimeout =>
                new RecipientSendResult.Transient(Describe(failure)),
            _ when Unreachable(failure, toChannel) is { } reason => new RecipientSendResult.Unreachable(reason),
            _ => new RecipientSendResult.Rejected(Describe(failure)),
        };
    }

    /// <summary>The bot is not in the person's roster: the app is not installed for them (or was removed).</summary>
    public static bool IsNotInstalled(ConnectorException failure) =>
        failure.StatusCode == HttpStatusCode.Forbidden && failure.Has(TeamsErrorCodes.BotNotInConversationRoster);

    private static string? Unreachable(ConnectorException failure, bool toChannel)
    {
        if (failure.Has(TeamsErrorCodes.BotDisabledByAdmin))
        {
            return UnreachableReasons.AppBlocked;
        }

        // Teams sends the blocked-writes sub-code inside a JSON string in "message" (documented 403 body), not as a field.
        if (failure.StatusCode == HttpStatusCode.Forbidden
            && (failure.IsRecipientUnreachable || failure.ErrorMessage?.Contains(TeamsErrorCodes.MessageWritesBlocked, StringComparison.OrdinalIgnoreCase) == true))
        {
            return UnreachableReasons.BotRemoved;
        }

        return failure.StatusCode == HttpStatusCode.NotFound && failure.Has(TeamsErrorCodes.ConversationNotFound)
            ? toChannel ? UnreachableReasons.NoConversation : UnreachableReasons.BotRemoved
            : null;
    }

    private static string Describe(ConnectorException failure) =>
        failure.Code is { Length: > 0 } code ? $"http-{(int)failure.StatusCode!}:{code}" : $"http-{(int)failure.StatusCode!}";
}
