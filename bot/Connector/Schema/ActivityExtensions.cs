using System.Text;
using System.Text.Json;

namespace LearningBot.Connector.Schema;

/// <summary>Helpers for shaping and reading activities, in the style of Microsoft.Bot.Schema's extensions.</summary>
public static class ActivityExtensions
{
    /// <summary>
    /// A message answering <paramref name="inbound"/>: from the bot, to the sender, in the same conversation,
    /// replying to the inbound id. No id or timestamp: the channel assigns them.
    /// </summary>
    public static Activity CreateReply(this Activity inbound, string? text = null, string? locale = null) =>
        NewReply(inbound, text, locale, attachments: null);

    /// <summary>A reply carrying <paramref name="attachments"/>, made as one activity rather than a reply and a copy of it.</summary>
    public static Activity CreateReply(this Activity inbound, IReadOnlyList<Attachment> attachments) =>
        NewReply(inbound, text: null, locale: null, attachments);

    private static Activity NewReply(Activity inbound, string? text, string? locale, IReadOnlyList<Attachment>? attachments) =>
        new()
        {
            Attachments = attachments,
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

    /// <summary>The well-formed mention entities of the activity; a malformed one is left out (see <see cref="Mention.TryRead"/>).</summary>
    public static IReadOnlyList<Mention> GetMentions(this Activity activity)
    {
        if (activity.Entities is not { Count: > 0 } entities)
        {
            return [];
        }

        var mentions = new List<Mention>();
        foreach (var entity in entities)
        {
            if (Mention.TryRead(entity, out var mention))
            {
                mentions.Add(mention);
            }
        }

        return mentions;
    }

    /// <summary>
    /// The text without the bot's own mention(s), other <c>&lt;at&gt;Name&lt;/at&gt;</c> tags reduced to the name,
    /// whitespace tidied and trimmed. Identity comes from the mention entities, never from the text: a tag is the bot's
    /// only when a mention entity of the bot carries exactly that tag (in any case), or, for an entity without text,
    /// <c>&lt;at&gt;</c> and the bot's name.
    /// </summary>
    /// <remarks>
    /// One pass over the text (<see cref="ReplaceAtTags"/>), linear in its length whatever it holds: a regular expression
    /// with a lazy body here took seconds of CPU on a message of many unclosed tags.
    /// </remarks>
    public static string RemoveRecipientMention(this Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var botTags = BotMentionTags(activity);
        return CollapseSpaces(ReplaceAtTags(text, botTags)).Trim();
    }

    /// <summary>The <c>&lt;at&gt;</c> tags that mention the bot, from the mention entities whose <c>mentioned.id</c> is the recipient.</summary>
    private static HashSet<string>? BotMentionTags(Activity activity)
    {
        var botId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(botId))
        {
            return null;
        }

        // The entities read in place (an indexed loop, not GetMentions' list): most messages mention nobody.
        HashSet<string>? tags = null;
        var entities = activity.Entities ?? [];
        for (var i = 0; i < entities.Count; i++)
        {
            if (!Mention.TryRead(entities[i], out var mention)
                || !string.Equals(mention.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var tag = !string.IsNullOrWhiteSpace(mention.Text) ? mention.Text.Trim()
                : !string.IsNullOrWhiteSpace(mention.Mentioned?.Name) ? $"<at>{mention.Mentioned.Name}</at>"
                : null;
            if (tag is not null)
            {
                (tags ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(tag);
            }
        }

        return tags;
    }

    /// <summary>
    /// Replaces each <c>&lt;at…&gt;name&lt;/at&gt;</c> (tag names in any case): a tag in <paramref name="removed"/> goes,
    /// any other becomes its name, spaced off from a word it would otherwise run into. A tag is <c>&lt;at</c>, anything
    /// up to the first <c>&gt;</c>, and the shortest text up to <c>&lt;/at&gt;</c>. Every character is looked at a bounded
    /// number of times: each search starts where the last one ended, and once no <c>&gt;</c> or no <c>&lt;/at&gt;</c>
    /// follows, no later tag can close either, so the scan stops.
    /// </summary>
    private static string ReplaceAtTags(string text, HashSet<string>? removed)
    {
        const string Open = "<at";
        const string Close = "</at>";
        StringBuilder? result = null;
        var copied = 0;
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf(Open, position, StringComparison.OrdinalIgnoreCase);
            if (open < 0)
            {
                break;
            }

            var nameStart = text.IndexOf('>', open + Open.Length) + 1;
            if (nameStart <= 0)
            {
                break;
            }

            var nameEnd = text.IndexOf(Close, nameStart, StringComparison.OrdinalIgnoreCase);
            if (nameEnd < 0)
            {
                break;
            }

            var end = nameEnd + Close.Length;
            result ??= new StringBuilder(text.Length);
            result.Append(text, copied, open - copied);
            var glued = open > 0 && char.IsLetterOrDigit(text[open - 1]);
            var gluedAfter = end < text.Length && char.IsLetterOrDigit(text[end]);
            if (removed is not null && removed.Contains(text[open..end]))
            {
                result.Append(glued && gluedAfter ? " " : string.Empty);
            }
            else
            {
                result.Append(glued ? " " : string.Empty)
                    .Append(text, nameStart, nameEnd - nameStart)
                    .Append(gluedAfter ? " " : string.Empty);
            }

            copied = position = end;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Runs of two or more spaces and tabs become one space; line breaks are kept.</summary>
    private static string CollapseSpaces(string text)
    {
        // Nearly every message has no run of two or more to collapse, and is kept as it is.
        if (!HasSpaceRun(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (text[i] is not (' ' or '\t'))
            {
                result.Append(text[i++]);
                continue;
            }

            var run = i;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            result.Append(i - run > 1 ? ' ' : text[run]);
        }

        return result.ToString();
    }

    private static bool HasSpaceRun(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] is ' ' or '\t' && text[i - 1] is ' ' or '\t')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Teams channelData, or an empty record when there is none; never throws (see <see cref="TeamsChannelData.Read"/>).</summary>
    public static TeamsChannelData GetTeamsChannelData(this Activity activity) => activity.TeamsChannelData;

    /// <summary>The tenant the activity came from: channelData.tenant.id, else conversation.tenantId.</summary>
    public static string? GetTenantId(this Activity activity) =>
        activity.GetTeamsChannelData().Tenant?.Id ?? activity.Conversation?.TenantId;

    /// <summary>Reads an invoke's or submit's <c>value</c> as <typeparamref name="T"/>; null when absent or not of that shape.</summary>
    public static T? GetValue<T>(this Activity activity)
        where T : class
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object or JsonValueKind.Array } value)
        {
            return null;
        }

        try
        {
            return value.Deserialize<T>(BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
