using System.Text.Json;
using System.Text.RegularExpressions;

namespace LearningBot.Connector.Schema;

/// <summary>Helpers for shaping and reading activities, in the style of Microsoft.Bot.Schema's extensions.</summary>
public static partial class ActivityExtensions
{
    /// <summary>
    /// A message answering <paramref name="inbound"/>: from the bot, to the sender, in the same conversation,
    /// replying to the inbound id. No id or timestamp: the channel assigns them.
    /// </summary>
    public static Activity CreateReply(this Activity inbound, string? text = null, string? locale = null) =>
        new()
        {
            Type = ActivityTypes.Message,
            From = new ChannelAccount { Id = inbound.Recipient?.Id, Name = inbound.Recipient?.Name },
            Recipient = inbound.From is null ? null : new ChannelAccount { Id = inbound.From.Id, Name = inbound.From.Name, AadObjectId = inbound.From.AadObjectId },
            Conversation = inbound.Conversation,
            ReplyToId = inbound.Id,
            ChannelId = inbound.ChannelId,
            ServiceUrl = inbound.ServiceUrl,
            Locale = locale ?? inbound.Locale,
            Text = text,
        };

    /// <summary>Where to reach this conversation later: the user is the sender, the bot the recipient.</summary>
    public static ConversationReference GetConversationReference(this Activity activity) =>
        new()
        {
            ActivityId = activity.Id,
            User = activity.From,
            Bot = activity.Recipient,
            Conversation = activity.Conversation,
            ChannelId = activity.ChannelId,
            ServiceUrl = activity.ServiceUrl,
            Locale = activity.Locale,
        };

    /// <summary>
    /// Addresses <paramref name="activity"/> by <paramref name="reference"/>. Outgoing (default): from the bot
    /// to the user, replying to the referenced activity. Incoming: from the user to the bot, carrying its id.
    /// </summary>
    public static Activity ApplyConversationReference(this Activity activity, ConversationReference reference, bool isIncoming = false)
    {
        var addressed = activity with
        {
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            Locale = activity.Locale ?? reference.Locale,
        };

        return isIncoming
            ? addressed with { From = reference.User, Recipient = reference.Bot, Id = reference.ActivityId ?? activity.Id }
            : addressed with { From = reference.Bot, Recipient = reference.User, ReplyToId = reference.ActivityId ?? activity.ReplyToId };
    }

    /// <summary>The mention entities of the activity.</summary>
    public static IReadOnlyList<Mention> GetMentions(this Activity activity) =>
        activity.Entities?
            .Where(e => string.Equals(e.Type, Mention.EntityType, StringComparison.OrdinalIgnoreCase))
            .Select(ToMention)
            .ToList() ?? [];

    /// <summary>
    /// The text without the bot's own mention(s), other <c>&lt;at&gt;Name&lt;/at&gt;</c> tags reduced to the name,
    /// whitespace tidied and trimmed. Identity comes from the mention entities, never from the text.
    /// </summary>
    public static string RemoveRecipientMention(this Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        if (botId is not null)
        {
            foreach (var mention in activity.GetMentions().Where(m => string.Equals(m.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase)))
            {
                var mentionText = mention.Text ?? $"<at>{mention.Mentioned?.Name}</at>";
                text = text.Replace(mentionText, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        // Any other mention keeps the name it shows, spaced off from a word it would otherwise run into.
        var source = text;
        text = AtTag().Replace(source, m =>
        {
            var before = m.Index > 0 && char.IsLetterOrDigit(source[m.Index - 1]) ? " " : string.Empty;
            var end = m.Index + m.Length;
            var after = end < source.Length && char.IsLetterOrDigit(source[end]) ? " " : string.Empty;
            return before + m.Groups["name"].Value + after;
        });
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>The Teams channelData, or an empty record when there is none.</summary>
    public static TeamsChannelData GetTeamsChannelData(this Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            ? data.Deserialize<TeamsChannelData>(BotJson.Options) ?? new TeamsChannelData()
            : new TeamsChannelData();

    /// <summary>The tenant the activity came from: channelData.tenant.id, else conversation.tenantId.</summary>
    public static string? GetTenantId(this Activity activity) =>
        activity.GetTeamsChannelData().Tenant?.Id ?? activity.Conversation?.TenantId;

    /// <summary>Reads an invoke's or submit's <c>value</c> as <typeparamref name="T"/>; null when absent.</summary>
    public static T? GetValue<T>(this Activity activity)
        where T : class =>
        activity.Value is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } value
            ? value.Deserialize<T>(BotJson.Options)
            : null;

    private static Mention ToMention(Entity entity)
    {
        var element = JsonSerializer.SerializeToElement(entity, BotJson.Options);
        return element.Deserialize<Mention>(BotJson.Options) ?? new Mention();
    }

    [GeneratedRegex(@"<at[^>]*>(?<name>.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Whitespace();
}
