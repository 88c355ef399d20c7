using System.Security.Claims;
using System.Text.Json.Nodes;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

internal sealed class TurnContext(
    Activity activity,
    ClaimsIdentity identity,
    IConnectorClient connector,
    CancellationToken aborted) : ITurnContext
{
    private ConversationReference? _reference;
    private string? _text;
    private Caller? _caller;

    public Activity Activity { get; } = activity;

    public ClaimsIdentity Identity { get; } = identity;

    public CancellationToken Aborted { get; } = aborted;

    /// <summary>The route the router chose, for the turn's telemetry.</summary>
    public BotRoute? Route { get; set; }

    public string Text => _text ??= Activity.RemoveRecipientMention() ?? string.Empty;

    public Caller Caller => _caller ??= Caller.Of(Activity, Identity);

    public ConversationReference ConversationReference => _reference ??= Activity.GetConversationReference();

    public IConnectorClient Connector => connector;

    public Task<ResourceResponse> SendActivityAsync(Activity activity) => SendActivityAsync(activity, Aborted);

    /// <summary>Replies with a token other than the turn's deadline (the apology of a turn that ran out of time).</summary>
    internal Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = Activity.Conversation?.Id
            ?? throw new InvalidOperationException("The inbound activity has no conversation id.");
        return string.IsNullOrEmpty(Activity.Id)
            ? connector.SendToConversationAsync(conversationId, activity, cancellationToken)
            : connector.ReplyToActivityAsync(conversationId, Activity.Id, activity, cancellationToken);
    }

    public Task<ResourceResponse> SendTextAsync(string text) =>
        SendActivityAsync(Activity.CreateReply() with { Text = text, TextFormat = "markdown" });

    public Task<ResourceResponse> SendCardAsync(JsonNode card) => card is JsonObject bound
        ? SendCardAsync(new CardReply(bound))
        : SendActivityAsync(Activity.CreateReply([Attachment.AdaptiveCard(card)]));

    public Task<ResourceResponse> SendCardAsync(CardReply reply) => CardFit.SendAsync(this, reply, SendActivityAsync);

    public Task<ResourceResponse> UpdateActivityAsync(string activityId, Activity activity) =>
        UpdateActivityAsync(activityId, activity, Aborted);

    public async Task<ResourceResponse> UpdateActivityAsync(string activityId, Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = Activity.Conversation?.Id
            ?? throw new InvalidOperationException("The inbound activity has no conversation id.");
        if (cancellationToken == Aborted)
        {
            return await connector.UpdateActivityAsync(conversationId, activityId, activity, Aborted);
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(Aborted, cancellationToken);
        return await connector.UpdateActivityAsync(conversationId, activityId, activity, either.Token);
    }

    public Task SendTypingAsync() =>
        SendActivityAsync(Activity.CreateReply() with { Type = ActivityTypes.Typing });
}
