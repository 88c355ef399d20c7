using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.People;

namespace LearningBot.Digest.Sending;

/// <summary>
/// Turns an audience into the delivery's recipients: each person once (everyone with a 1:1 chat with the bot, and the
/// people directory's people in the chosen organisation kinds), less everyone who stopped the digest, and each chosen
/// channel (a channel is not a person, so its post always goes). Organisation and kind come from the people directory,
/// for the delivery report.
/// </summary>
public sealed class DigestRecipients(ConversationReferenceStore conversations, IPeopleDirectory people, DigestSubscriptions subscriptions)
{
    /// <summary>The team channels the bot knows (it has seen a message in), for the audience card.</summary>
    public Task<IReadOnlyList<ConversationReference>> ChannelsAsync(CancellationToken cancellationToken) => conversations.ChannelsAsync(cancellationToken);

    public async Task<IReadOnlyList<DeliveryRecipient>> ResolveAsync(DigestAudience audience, CancellationToken cancellationToken)
    {
        var directory = new Dictionary<string, Person>(StringComparer.Ordinal);
        await foreach (var person in people.EveryoneAsync(cancellationToken))
        {
            directory.TryAdd(person.Id, person);
        }

        var unsubscribed = await subscriptions.UnsubscribedAsync(cancellationToken);
        var seen = new HashSet<string>(unsubscribed, StringComparer.Ordinal);
        var recipients = new List<DeliveryRecipient>();
        if (audience.Everyone)
        {
            await foreach (var key in conversations.PersonalChatKeysAsync(cancellationToken))
            {
                if (seen.Add(key))
                {
                    var person = directory.GetValueOrDefault(key);
                    recipients.Add(DeliveryRecipient.Person(key, person?.Organisation, person?.OrganisationKind));
                }
            }
        }

        if (audience.Kinds.Count > 0)
        {
            var kinds = audience.Kinds.ToHashSet(StringComparer.Ordinal);
            foreach (var person in directory.Values.Where(person => person.OrganisationKind is { } kind && kinds.Contains(kind)))
            {
                if (seen.Add(person.Id))
                {
                    recipients.Add(DeliveryRecipient.Person(person.Id, person.Organisation, person.OrganisationKind, person.UsesTeams));
                }
            }
        }

        if (audience.Channels.Count > 0)
        {
            var known = (await conversations.ChannelsAsync(cancellationToken)).ToDictionary(channel => channel.Conversation!.Id!, StringComparer.Ordinal);
            foreach (var id in audience.Channels.Distinct(StringComparer.Ordinal))
            {
                if (known.TryGetValue(id, out var channel))
                {
                    recipients.Add(new DeliveryRecipient(RecipientKinds.Channel, id, Conversation: JsonSerializer.Serialize(channel, BotJson.Options)));
                }
            }
        }

        return recipients;
    }
}
