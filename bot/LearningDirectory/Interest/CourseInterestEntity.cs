using System.Runtime.Serialization;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Interest;

/// <summary>
/// Something a person asked to hear about, in the <c>CourseInterests</c> table: a partition per person, row
/// <c>offer|{offerId}</c> for new dates of one offer or <c>topic|{words}</c> for new dates of courses on a topic. The same
/// ask twice is the same row. The topic is typed text, set only from <see cref="ScrubbedText"/>.
/// </summary>
public sealed record CourseInterestEntity : TableRow
{
    public const string OfferKind = "offer";
    public const string TopicKind = "topic";

    public string PersonKey { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    /// <summary>The offer, for an offer's new dates; empty for a topic.</summary>
    public string OfferId { get; init; } = string.Empty;

    /// <summary>The offer's title when the person asked, to list it by.</summary>
    public string OfferTitle { get; init; } = string.Empty;

    public string? Topic { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }

    /// <summary>The person's kind of organisation when they asked (null when unknown): they hear only of offers open to it.</summary>
    public string? OrganisationKind { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    [IgnoreDataMember]
    public bool IsTopic => Kind == TopicKind;

    public static string PartitionFor(string personKey) => TableKeys.Encode(personKey);

    public static CourseInterestEntity ForOffer(string personKey, CourseOffer offer, string? organisationKind, DateTimeOffset at) => new()
    {
        PartitionKey = PartitionFor(personKey),
        RowKey = OfferKind + "|" + TableKeys.Encode(offer.Id),
        PersonKey = personKey,
        Kind = OfferKind,
        OfferId = offer.Id,
        OfferTitle = offer.Title,
        OrganisationKind = organisationKind,
        RegisteredAt = at,
    };

    /// <param name="topic">Already cut down to the topic's words (<see cref="InterestWording.TopicOf"/>) and scrubbed.</param>
    public static CourseInterestEntity ForTopic(string personKey, ScrubbedText topic, string? organisationKind, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(topic);
#pragma warning disable LB0001 // the one place a topic is set, from scrubbed text
        return new()
        {
            PartitionKey = PartitionFor(personKey),
            RowKey = TopicKind + "|" + TableKeys.Encode(topic.Text.ToLowerInvariant()),
            PersonKey = personKey,
            Kind = TopicKind,
            Topic = topic.Text,
            OrganisationKind = organisationKind,
            RegisteredAt = at,
        };
#pragma warning restore LB0001
    }

    /// <summary>What the person asked for, in words ("new dates of Dementia awareness", "new courses on dementia").</summary>
    public string Describe() => IsTopic ? $"New dates of courses on {Topic}" : $"New dates of {OfferTitle}";
}
