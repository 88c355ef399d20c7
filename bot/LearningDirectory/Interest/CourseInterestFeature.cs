using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.People;
using LearningBot.Privacy;

namespace LearningBot.LearningDirectory.Interest;

/// <summary>
/// "Tell me when there's a date": anyone can ask to hear about new dates of a course (its button on a directory answer)
/// or of courses on a topic (<c>tell me about new dementia courses</c>, <c>let me know when there's a moving and
/// handling course</c>), see what they asked for (<c>my course alerts</c>) and stop any of it. Interests are filed under
/// the caller, never under anything a card sends back; <see cref="CourseDateAlerts"/> tells people when a date is added.
/// </summary>
/// <remarks>
/// On the wire: <c>directory.alerts.offer {offerId}</c> registers interest in an offer; <c>directory.alerts.list</c>;
/// <c>directory.alerts.stop {interestId}</c> stops one of the caller's interests; <c>directory.alerts.offer.stop
/// {offerId}</c> (on the alert itself) stops every interest of the caller's that matches the offer. Stopping twice is fine.
/// </remarks>
public sealed partial class CourseInterestFeature(
    CourseInterestStore interests,
    CourseDateAlerts alerts,
    ICourseCatalogue catalogue,
    Finding.CourseFinder finder,
    IPeopleDirectory people,
    CardCatalog cards,
    TimeProvider clock,
    ILogger<CourseInterestFeature> logger) : IBotFeature
{
    public const string Unknown = "Sorry, I can't tell who you are, so I can't keep alerts for you.";

    public const string CourseGone = "I can't find that course in the directory any more, so there's nothing to tell you about.";

    public void MapRoutes(BotRoutes routes) =>
        routes
            .OnCommandWithArgument(
                RegisterTopicAsync,
                "tell me about new", "let me know about new", "alert me about new", "tell me when there's a", "tell me when there’s a",
                "tell me when there is a", "tell me when there are new", "let me know when there's a", "let me know when there’s a",
                "let me know when there is a", "let me know when there are new")
            .OnCommand(async turn => await turn.SendCardAsync(await ListCardAsync(turn, string.Empty)), "my course alerts", "course alerts", "my date alerts")
            .OnCardAction(InterestVerbs.NewDatesOfOffer, RegisterOfferAsync)
            .OnCardAction(InterestVerbs.List, async (turn, _) => CardActionResult.Replace(await ListCardAsync(turn, string.Empty)))
            .OnCardAction(InterestVerbs.Stop, StopAsync)
            .OnCardAction(InterestVerbs.StopForOffer, StopForOfferAsync);

    private async Task RegisterTopicAsync(ITurnContext turn, string said)
    {
        if (turn.Caller.PersonKey is not { } personKey)
        {
            await turn.SendTextAsync(Unknown);
            return;
        }

        var topic = PersonalDataScrubber.Scrub(InterestWording.TopicOf(said), UkTime.Today(clock));
        if (topic.IsEmpty || !await finder.HasSearchWordsAsync(topic.Text, turn.Aborted))
        {
            await turn.SendTextAsync(InterestWording.AskForTopic);
            return;
        }

        var interest = CourseInterestEntity.ForTopic(personKey, topic, await OrganisationKindAsync(personKey, turn.Aborted), clock.GetUtcNow());
        await interests.RegisterAsync(interest, turn.Aborted);
        var text = InterestWording.Registered($"a new date is added for a course on {CardText.Literal(topic.Text)}");
        await turn.SendCardAsync(cards.Render(new CourseAlertAddedCardData(
            topic.WasScrubbed ? $"{text} I left out what looked like personal details." : text)));
    }

    private async Task<CardActionResult> RegisterOfferAsync(ITurnContext turn, CardActionRequest action)
    {
        if (turn.Caller.PersonKey is not { } personKey)
        {
            return CardActionResult.Message(Unknown);
        }

        if (await OfferAsync(action.GetString("offerId"), turn.Aborted) is not { } offer)
        {
            return CardActionResult.Message(CourseGone);
        }

        await interests.RegisterAsync(CourseInterestEntity.ForOffer(personKey, offer, await OrganisationKindAsync(personKey, turn.Aborted), clock.GetUtcNow()), turn.Aborted);
        return CardActionResult.Message(InterestWording.Registered($"a new date is added for {offer.Title}"));
    }

    private async Task<CardActionResult> StopAsync(ITurnContext turn, CardActionRequest action)
    {
        if (turn.Caller.PersonKey is not { } personKey)
        {
            return CardActionResult.Message(Unknown);
        }

        var id = action.GetString("interestId");
        var stopped = IsInterestId(id) && await interests.StopAsync(personKey, id!, turn.Aborted);
        return CardActionResult.Update(await ListCardAsync(turn, stopped ? "Stopped. You won't hear about those dates any more." : "That alert was already stopped."));
    }

    private async Task<CardActionResult> StopForOfferAsync(ITurnContext turn, CardActionRequest action)
    {
        if (turn.Caller.PersonKey is not { } personKey)
        {
            return CardActionResult.Message(Unknown);
        }

        var offerId = action.GetString("offerId") ?? string.Empty;
        var offer = await OfferAsync(offerId, turn.Aborted);
        var stopped = new List<string>();
        foreach (var interest in await interests.OfAsync(personKey, turn.Aborted))
        {
            var matches = offer is null ? interest.OfferId == offerId && offerId.Length > 0 : await alerts.MatchesAsync(interest, offer, turn.Aborted);
            if (matches && await interests.StopAsync(personKey, interest.RowKey, turn.Aborted))
            {
                stopped.Add(CardText.Literal(Lower(interest.Describe())));
            }
        }

        var notice = stopped.Count == 0
            ? "Those alerts were already stopped."
            : $"Stopped: {string.Join("; ", stopped)}.";
        return CardActionResult.Update(await ListCardAsync(turn, notice));
    }

    private async Task<JsonObject> ListCardAsync(ITurnContext turn, string notice)
    {
        var mine = turn.Caller.PersonKey is { } personKey ? await interests.OfAsync(personKey, turn.Aborted) : [];
        return cards.Render(new CourseAlertsCardData(notice, [.. mine.Select(i => new CourseAlertItem(i.RowKey, CardText.Literal(i.Describe())))]));
    }

    private async Task<CourseOffer?> OfferAsync(string? offerId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(offerId) ? null
        : (await catalogue.CurrentAsync(cancellationToken)).FirstOrDefault(l => l.Offer.Id == offerId)?.Offer;

    /// <summary>The person's kind of organisation from the people directory; null (offers open to all only) when it can't say.</summary>
    private async Task<string?> OrganisationKindAsync(string personKey, CancellationToken cancellationToken)
    {
        try
        {
            return (await people.GetPersonAsync(personKey, cancellationToken))?.OrganisationKind is { Length: > 0 } kind ? kind : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNoOrganisation(exception);
            return null;
        }
    }

    private static bool IsInterestId(string? id) =>
        id is { Length: > 0 and <= 512 }
        && (id.StartsWith(CourseInterestEntity.OfferKind + "|", StringComparison.Ordinal) || id.StartsWith(CourseInterestEntity.TopicKind + "|", StringComparison.Ordinal));

    private static string Lower(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up a person's organisation for their course alert; they will hear only of courses open to everyone")]
    private partial void LogNoOrganisation(Exception exception);
}
