using System.Text.Json.Nodes;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Messages people and channels outside a turn (reminders, escalation answers, alerts), from the conversation
/// references the bot has stored. Shaped like the SDK's ContinueConversation / CreateConversation.
/// </summary>
public sealed class ProactiveMessenger(
    ConversationReferenceStore references,
    IConnectorClientFactory connectors,
    ILogger<ProactiveMessenger> logger)
{
    /// <summary>
    /// Sends to a person's 1:1 chat with the bot. Returns null when the person cannot be reached: they have never
    /// talked to the bot here, or they blocked or removed it.
    /// </summary>
    public async Task<SentMessage?> SendToPersonAsync(string personKey, Activity message, CancellationToken cancellationToken)
    {
        var chat = await references.FindPersonalChatAsync(personKey, cancellationToken);
        if (chat is null)
        {
            logger.LogInformation("No 1:1 chat with person {PersonKey} is known yet", personKey);
            return null;
        }

        try
        {
            return await SendAsync(chat, message, cancellationToken);
        }
        catch (ConnectorException exception) when (exception.IsRecipientUnreachable)
        {
            logger.LogInformation("Person {PersonKey} cannot be reached: {Code}", personKey, exception.SubCode ?? exception.Code);
            return null;
        }
    }

    public Task<SentMessage?> SendCardToPersonAsync(string personKey, JsonObject card, CancellationToken cancellationToken) =>
        FittedAsync(card, fitted => SendToPersonAsync(personKey, CardMessage(fitted), cancellationToken));

    /// <summary>Sends into a stored conversation (a chat, or a channel: a new post in the channel).</summary>
    public async Task<SentMessage> SendAsync(ConversationReference conversation, Activity message, CancellationToken cancellationToken)
    {
        var client = connectors.Create(conversation.ServiceUrl!);
        var addressed = message.ApplyConversationReference(conversation) with { ReplyToId = null, Id = null };
        var channelRoot = ChannelRoot(conversation.Conversation!.Id!);
        var sent = await client.SendToConversationAsync(channelRoot, addressed, cancellationToken);
        return new SentMessage(conversation with { Conversation = conversation.Conversation with { Id = channelRoot } }, sent.Id);
    }

    public Task<SentMessage> SendCardAsync(ConversationReference conversation, JsonObject card, CancellationToken cancellationToken) =>
        FittedAsync(card, fitted => SendAsync(conversation, CardMessage(fitted), cancellationToken));

    /// <summary>Replaces a message the bot sent earlier, for everyone who sees it (e.g. a ticket card in a channel).</summary>
    public async Task UpdateCardAsync(SentMessage sent, JsonObject card, CancellationToken cancellationToken)
    {
        if (sent.ActivityId is null)
        {
            throw new InvalidOperationException("The channel did not return an id for that message, so it cannot be updated.");
        }

        var client = connectors.Create(sent.Conversation.ServiceUrl!);
        await FittedAsync(card, async fitted =>
        {
            var update = CardMessage(fitted).ApplyConversationReference(sent.Conversation) with { ReplyToId = null };
            return await client.UpdateActivityAsync(sent.Conversation.Conversation!.Id!, sent.ActivityId, update, cancellationToken);
        });
    }

    /// <summary>
    /// Sends the card, and when Teams refuses it as too large (413), <see cref="CardFit.TooLong"/> in its place: the
    /// person hears that something could not be shown instead of nothing arriving while the sender retries it for ever.
    /// </summary>
    private async Task<T> FittedAsync<T>(JsonObject card, Func<JsonObject, Task<T>> send)
    {
        try
        {
            return await send(card);
        }
        catch (ConnectorException exception) when (CardFit.IsTooLarge(exception))
        {
            logger.LogWarning("A card of {Bytes} bytes was refused as too large; sending the short notice instead", CardFit.SizeOf(CardMessage(card)));
            return await send(CardFit.TooLong(card));
        }
    }

    /// <summary>Takes down a message the bot sent earlier (a duplicate post, for example).</summary>
    public async Task DeleteAsync(SentMessage sent, CancellationToken cancellationToken)
    {
        if (sent.ActivityId is null)
        {
            return;
        }

        var client = connectors.Create(sent.Conversation.ServiceUrl!);
        await client.DeleteActivityAsync(sent.Conversation.Conversation!.Id!, sent.ActivityId, cancellationToken);
    }

    public static Activity CardMessage(JsonObject card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [Attachment.AdaptiveCard(card)],
    };

    /// <summary>A channel reply thread id ("19:…;messageid=…") posts into the thread; proactive posts go to the channel.</summary>
    private static string ChannelRoot(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }
}
