using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// Sends one delivery message to one person or channel. A person's stored 1:1 chat is used when there is one; otherwise
/// the bot opens one (<c>POST v3/conversations</c>), installing its app for them through Graph first if they do not have
/// it, and stores it like a chat they started. Every Bot Connector call waits for the <see cref="ISendBudget"/> first,
/// and goes through the delivery connector clients, which never retry: every 429 reaches the engine with its Retry-After.
/// </summary>
public sealed partial class RecipientSender(
    ConversationReferenceStore references,
    [FromKeyedServices(DeliveryConnectorClients.ServiceKey)] IConnectorClientFactory connectors,
    ISendBudget budget,
    ITeamsAppInstaller installer,
    IOptions<RecipientReachOptions> reachOptions,
    IOptions<SendBudgetOptions> budgetOptions,
    IOptions<BotIdentityOptions> identity,
    TimeProvider time,
    ILogger<RecipientSender> logger) : IRecipientSender
{
    private const string LocalPersonPrefix = "local:";
    private const string TeamsUserPrefix = "29:";
    private const string BotPrefix = "28:";

    private TenantReach? _reach;

    public async Task<RecipientSendResult> SendAsync(DeliveryRecipient recipient, Activity message, SendPace pace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        var toChannel = recipient.Kind == RecipientKinds.Channel;
        try
        {
            return recipient.Kind switch
            {
                RecipientKinds.Person => await SendToPersonAsync(recipient, message, pace, cancellationToken),
                RecipientKinds.Channel => await SendToChannelAsync(recipient, message, pace, cancellationToken),
                _ => new RecipientSendResult.Rejected("unknown-recipient-kind"),
            };
        }
        catch (ConnectorException failure)
        {
            var result = ConnectorFailures.Classify(failure, toChannel);
            LogFailed(logger, recipient.Kind, result.GetType().Name, failure.Code);
            return result;
        }
        catch (SendBudgetWaitTooLongException wait)
        {
            return new RecipientSendResult.Throttled(wait.Wait);
        }
        catch (UntrustedConnectorHostException)
        {
            return new RecipientSendResult.Rejected("untrusted-service-url");
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException or TimeoutException)
        {
            return new RecipientSendResult.Transient("connection");
        }
        catch (Exception failure) when (TableErrors.IsStorageFailure(failure))
        {
            LogStorageFailed(logger, failure, recipient.Kind);
            return new RecipientSendResult.Transient("storage");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RecipientSendResult.Transient("timeout");
        }
    }

    private async Task<RecipientSendResult> SendToPersonAsync(DeliveryRecipient recipient, Activity message, SendPace pace, CancellationToken cancellationToken)
    {
        if (!recipient.UsesTeams || recipient.Key.StartsWith(LocalPersonPrefix, StringComparison.Ordinal))
        {
            return new RecipientSendResult.Unreachable(UnreachableReasons.NoTeams);
        }

        var chat = await references.FindPersonalChatAsync(recipient.Key, cancellationToken);
        if (chat is null)
        {
            var (opened, failure) = await OpenChatAsync(recipient.Key, pace, cancellationToken);
            if (opened is null)
            {
                return failure!;
            }

            chat = opened;
        }

        return await SendToConversationAsync(chat, message, pace, cancellationToken);
    }

    private async Task<RecipientSendResult> SendToChannelAsync(DeliveryRecipient recipient, Activity message, SendPace pace, CancellationToken cancellationToken)
    {
        var channel = string.IsNullOrWhiteSpace(recipient.Conversation) ? null : ReadReference(recipient.Conversation);
        return channel?.Conversation?.Id is { Length: > 0 } && channel.ServiceUrl is { Length: > 0 }
            ? await SendToConversationAsync(channel, message, pace, cancellationToken)
            : new RecipientSendResult.Unreachable(UnreachableReasons.NoConversation);
    }

    private async Task<RecipientSendResult> SendToConversationAsync(ConversationReference conversation, Activity message, SendPace pace, CancellationToken cancellationToken)
    {
        var client = connectors.Create(conversation.ServiceUrl!);
        var root = ChannelRoot(conversation.Conversation!.Id!);
        var addressed = message.ApplyConversationReference(conversation) with { ReplyToId = null, Id = null };
        var sent = await CallAsync(root, pace, () => client.SendToConversationAsync(root, addressed, cancellationToken), cancellationToken);
        return new RecipientSendResult.Sent(sent.Id, root);
    }

    /// <summary>Opens a 1:1 chat with the person (installing the app for them when they lack it) and stores it.</summary>
    private async Task<(ConversationReference? Chat, RecipientSendResult? Failure)> OpenChatAsync(string personKey, SendPace pace, CancellationToken cancellationToken)
    {
        var reach = await ResolveReachAsync(cancellationToken);
        if (reach is null)
        {
            LogNoReach(logger);
            return (null, new RecipientSendResult.Rejected("reach-not-configured"));
        }

        try
        {
            return (await CreateChatAsync(reach, personKey, pace, cancellationToken), null);
        }
        catch (ConnectorException failure) when (ConnectorFailures.IsNotInstalled(failure))
        {
            return await InstallThenOpenAsync(reach, personKey, pace, cancellationToken);
        }
    }

    private async Task<(ConversationReference? Chat, RecipientSendResult? Failure)> InstallThenOpenAsync(TenantReach reach, string personKey, SendPace pace, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(personKey, out _) || string.IsNullOrWhiteSpace(reachOptions.Value.TeamsAppId))
        {
            return (null, new RecipientSendResult.Unreachable(UnreachableReasons.NoConversation));
        }

        switch (await installer.InstallAsync(personKey, cancellationToken))
        {
            case AppInstallOutcome.Unreachable unreachable:
                return (null, new RecipientSendResult.Unreachable(unreachable.Reason));
            case AppInstallOutcome.Transient transient:
                return (null, new RecipientSendResult.Transient(transient.Reason));
            case AppInstallOutcome.Rejected rejected:
                return (null, new RecipientSendResult.Rejected(rejected.Reason));
        }

        // Teams adds the bot to the person's roster a moment after the install: try a few times, then let the engine requeue.
        var wait = reachOptions.Value.InstallWait;
        for (var attempt = 0; attempt < reachOptions.Value.InstallRetries; attempt++, wait *= 2)
        {
            await Task.Delay(wait, time, cancellationToken);
            try
            {
                return (await CreateChatAsync(reach, personKey, pace, cancellationToken), null);
            }
            catch (ConnectorException failure) when (ConnectorFailures.IsNotInstalled(failure))
            {
                LogInstallPending(logger, attempt + 1);
            }
        }

        return (null, new RecipientSendResult.Transient("app-installing"));
    }

    private async Task<ConversationReference> CreateChatAsync(TenantReach reach, string personKey, SendPace pace, CancellationToken cancellationToken)
    {
        var client = connectors.Create(reach.ServiceUrl);
        var member = new ChannelAccount { Id = personKey };
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = reach.Bot,
            Members = [member],
            TenantId = reach.TenantId,
            ChannelData = JsonSerializer.SerializeToElement(new JsonObject { ["tenant"] = new JsonObject { ["id"] = reach.TenantId } }),
        };

        var created = await CallAsync(null, pace, () => client.CreateConversationAsync(parameters, cancellationToken), cancellationToken);
        var chat = new ConversationReference
        {
            ChannelId = BotChannels.Teams,
            ServiceUrl = created.ServiceUrl ?? reach.ServiceUrl,
            Bot = reach.Bot,
            User = personKey.StartsWith(TeamsUserPrefix, StringComparison.Ordinal) ? member : member with { AadObjectId = personKey },
            Conversation = new ConversationAccount { Id = created.Id, ConversationType = "personal", TenantId = reach.TenantId },
        };

        await RememberAsync(personKey, chat, cancellationToken);
        return chat;
    }

    /// <summary>A chat that could not be stored is still used: opening it again later gives the same conversation.</summary>
    private async Task RememberAsync(string personKey, ConversationReference chat, CancellationToken cancellationToken)
    {
        try
        {
            await references.RememberPersonalChatAsync(personKey, chat, cancellationToken);
        }
        catch (Exception failure) when (TableErrors.IsStorageFailure(failure))
        {
            LogStorageFailed(logger, failure, RecipientKinds.Person);
        }
    }

    /// <summary>Waits for the budget, makes the call, and tells the budget about a 429 before the engine hears of it.</summary>
    private async Task<T> CallAsync<T>(string? conversationId, SendPace pace, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        if (budget.TimeUntilFree(conversationId) is var wait && wait > budgetOptions.Value.LongestWaitInWorker)
        {
            throw new SendBudgetWaitTooLongException(wait);
        }

        await budget.WaitAsync(conversationId, pace, cancellationToken);
        try
        {
            return await call();
        }
        catch (ConnectorException failure) when (failure.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            budget.Throttled(conversationId, failure.RetryAfter ?? ConnectorFailures.DefaultRetryAfter);
            throw;
        }
    }

    /// <summary>The Bot Connector, tenant and bot account to open chats with: from settings, else from any stored conversation.</summary>
    private async Task<TenantReach?> ResolveReachAsync(CancellationToken cancellationToken)
    {
        if (_reach is { } known)
        {
            return known;
        }

        var settings = reachOptions.Value;
        var appId = identity.Value.MicrosoftAppId;
        var stored = settings.ServiceUrl is null || settings.TenantId is null || string.IsNullOrWhiteSpace(appId)
            ? await references.FindAnyInTenantAsync(settings.TenantId, cancellationToken)
            : null;
        var serviceUrl = settings.ServiceUrl ?? stored?.ServiceUrl;
        var tenantId = settings.TenantId ?? stored?.Conversation?.TenantId;
        var bot = string.IsNullOrWhiteSpace(appId) ? stored?.Bot : new ChannelAccount { Id = BotPrefix + appId };
        if (serviceUrl is null || tenantId is null || bot?.Id is null)
        {
            return null;
        }

        return _reach = new TenantReach(serviceUrl, tenantId, new ChannelAccount { Id = bot.Id, Name = bot.Name });
    }

    private static ConversationReference? ReadReference(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ConversationReference>(json, BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A channel reply thread id ("19:…;messageid=…") posts into the thread; deliveries post to the channel itself.</summary>
    private static string ChannelRoot(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery to a {Kind} ended {Outcome} ({Code})")]
    private static partial void LogFailed(ILogger logger, string kind, string outcome, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to a {Kind}: storage failed; the item will be tried again")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot open chats: set Delivery:Reach:ServiceUrl and TenantId, or let the bot receive one message first")]
    private static partial void LogNoReach(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The app was installed but the chat is not ready yet (try {Attempt})")]
    private static partial void LogInstallPending(ILogger logger, int attempt);
}
