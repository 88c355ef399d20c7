using System.Threading.Channels;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Finding;

namespace LearningBot.LearningDirectory.Interest;

/// <summary>
/// Tells people who asked about a course, or about its topic, that a new date has been added: one delivery per new
/// session, to everyone whose interest matches and whose kind of organisation the offer is open to, each person once
/// however many of their interests match. The delivery is keyed by offer and session, so the same session reported
/// again (a retried save, a re-import, another instance) is the same delivery and nobody is told twice. Past and
/// cancelled sessions, and retired offers, tell nobody. The store calls this inside the turn that saved the session, so
/// it only queues the session; <see cref="CourseAlertSending"/> finds who to tell and starts the delivery in the
/// background, leaving the turn its time. The queue is only the quick way: the store keeps a mark of every session not
/// yet announced, which any instance's sweep tells when this one cannot.
/// </summary>
public sealed partial class CourseDateAlerts(
    CourseInterestStore interests,
    IServiceProvider services,
    IDeliveries deliveries,
    CardCatalog cards,
    TimeProvider clock,
    ILogger<CourseDateAlerts> logger) : ICourseSessionAdded
{
    private readonly Channel<(CourseOffer Offer, CourseSession Session)> _added = Channel.CreateUnbounded<(CourseOffer, CourseSession)>();

    public const string Purpose = "course-new-date";
    public const string RequestedBy = "learning-directory";

    // Resolved on use: the finder reads the catalogue, which reads the store that calls this.
    private CourseFinder Finder => services.GetRequiredService<CourseFinder>();

    public Task SessionAddedAsync(CourseOffer offer, CourseSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(session);
        if (!offer.IsRetired && session.IsUpcoming(clock.GetUtcNow()))
        {
            _added.Writer.TryWrite((offer, session));
        }

        return Task.CompletedTask;
    }

    /// <summary>The sessions queued by <see cref="SessionAddedAsync"/>, for <see cref="CourseAlertSending"/>.</summary>
    public IAsyncEnumerable<(CourseOffer Offer, CourseSession Session)> AddedAsync(CancellationToken cancellationToken) =>
        _added.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Finds who to tell about the session and starts their delivery (the same delivery when asked again).</summary>
    public async Task TellAsync(CourseOffer offer, CourseSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(session);
        var recipients = await WhoToTellAsync(offer, cancellationToken);
        if (recipients.Count == 0)
        {
            return;
        }

        var started = await deliveries.StartAsync(new DeliveryRequest(
            Purpose,
            IdempotencyKey: $"{offer.Id}|{session.Id}",
            RequestedBy,
            ProactiveMessenger.CardMessage(cards.Render(Card(offer, session))) with { Summary = $"New date: {offer.Title}" },
            recipients), cancellationToken);
        if (!started.AlreadyExisted)
        {
            LogTold(offer.Id, session.Id, recipients.Count);
        }
    }

    /// <summary>Whether the interest is in this offer: the offer itself, or a topic that finds it.</summary>
    public async Task<bool> MatchesAsync(CourseInterestEntity interest, CourseOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interest);
        ArgumentNullException.ThrowIfNull(offer);
        return interest.IsTopic
            ? interest.Topic is { Length: > 0 } topic && await Finder.TopicFindsAsync(topic, offer, cancellationToken)
            : interest.OfferId == offer.Id;
    }

    public static CourseNewDatesCardData Card(CourseOffer offer, CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var book = CourseWording.BookButton(offer.Booking);
        return new CourseNewDatesCardData(
            offer.Id, offer.Title, offer.Provider, offer.IsSample, [new SessionLine(CourseWording.When(session), CourseWording.Where(session))],
            CourseWording.HowToBook(offer), book?.Title ?? string.Empty, book?.Url ?? string.Empty);
    }

    private async Task<List<DeliveryRecipient>> WhoToTellAsync(CourseOffer offer, CancellationToken cancellationToken)
    {
        var told = new Dictionary<string, DeliveryRecipient>(StringComparer.Ordinal);
        var topicFinds = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var interest in await interests.AllAsync(cancellationToken))
        {
            if (told.ContainsKey(interest.PersonKey) || !offer.IsOpenTo(interest.OrganisationKind))
            {
                continue;
            }

            var matches = interest.IsTopic
                ? interest.Topic is { Length: > 0 } topic && (topicFinds.TryGetValue(topic, out var known) ? known
                    : topicFinds[topic] = await Finder.TopicFindsAsync(topic, offer, cancellationToken))
                : interest.OfferId == offer.Id;
            if (matches)
            {
                told[interest.PersonKey] = DeliveryRecipient.Person(interest.PersonKey, organisationKind: interest.OrganisationKind);
            }
        }

        return [.. told.Values];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "New session {SessionId} of offer {OfferId}: {Count} interested people told")]
    private partial void LogTold(string offerId, string sessionId, int count);
}
