using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>The buttons of a good-practice alert, each pressed on one example (data <c>exampleId</c>, <c>bundle</c>).</summary>
public static class LeadNoticeVerbs
{
    public const string Useful = "practice.useful";
    public const string TryingToo = "practice.trying-too";
    public const string Save = "practice.save";
    public const string NotForMe = "practice.not-for-me";

    /// <summary>Undoes "not for me": the example's topics are wanted again.</summary>
    public const string WantAgain = "practice.want-again";

    /// <summary>What <c>bundle</c> holds on the saved-examples card, so a press there brings that card back.</summary>
    public const string SavedList = "saved";
}

/// <summary>
/// Reactions to good-practice alerts, and the lists built from them. A reaction counts only from someone who was told of
/// the example: the notice row for the presser's own person key must exist (read from storage, never from the card), or
/// the press is refused and nothing changes. It counts only while the example is approved: one retired since is no
/// longer collecting responses, so the press records nothing and the card comes back with it marked (only "hear about
/// these topics again" still works, as it undoes the lead's own choice about topics). The card comes back showing what
/// was recorded. The board and the L&amp;D Support Team see how practice spreads (<c>good practice spread</c>): a retired
/// example stays in the list, marked, with what was counted before it was retired.
/// </summary>
public sealed class LeadNoticeFeature(
    LeadNoticeStore notices,
    GoodPracticeStore examples,
    PracticeAlertCards cards,
    IRoleCheck roles,
    TimeProvider clock) : IBotFeature
{
    public const string NotYours =
        "That example was not sent to you, so I have not recorded anything. Leads hear of examples that match the topics in their lead entry.";

    public const string ThanksForTrying =
        "Thank you for telling us you are trying this too: it shows the board how good practice spreads, and the author will be glad to know.";

    public const string SpreadOnlyFor =
        "How good practice spreads is shown only to the board and the L&D Support Team.";

    public const string RetiredNoResponses =
        "This example has been retired, so it is no longer collecting responses. Nothing was recorded.";

    public const string WithdrawnNoResponses =
        "This example is no longer shared, so it is no longer collecting responses. Nothing was recorded.";

    /// <summary>Why a reaction to an example no longer approved records nothing.</summary>
    public static string NoResponses(GoodPracticeExample example) =>
        example?.Status == ExampleStatus.Retired ? RetiredNoResponses : WithdrawnNoResponses;

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCardAction(LeadNoticeVerbs.Useful, (turn, action) => ReactAsync(turn, action, (notice, _) => notice with { Useful = true }))
            .OnCardAction(LeadNoticeVerbs.Save, (turn, action) => ReactAsync(turn, action, (notice, _) => notice with { Saved = true }))
            .OnCardAction(LeadNoticeVerbs.TryingToo, (turn, action) => ReactAsync(turn, action, (notice, _) => notice with { TryingToo = true }))
            .OnCardAction(LeadNoticeVerbs.NotForMe, (turn, action) => ReactAsync(turn, action, (notice, _) => notice with { NotForMe = true }))
            .OnCardAction(LeadNoticeVerbs.WantAgain, (turn, action) => ReactAsync(turn, action, (notice, _) => notice with { NotForMe = false }))
            .OnCommand(SharedConversation.PersonalOnly(async turn => await turn.SendCardAsync(await SavedCardAsync(turn.Caller, turn.Aborted))), "my saved practice", "saved practice", "my saved good practice");

        routes.For(Roles.PracticeSpread, SpreadOnlyFor)
            .OnCommand(async turn => await turn.SendCardAsync(await SpreadCardAsync(turn.Caller, turn.Aborted)), "good practice spread", "practice spread");
    }

    private async Task<CardActionResult> ReactAsync(ITurnContext turn, CardActionRequest action, Func<LeadNotice, DateTimeOffset, LeadNotice> react)
    {
        var exampleId = action.GetString("exampleId") ?? string.Empty;
        if (exampleId.Length == 0 || await NoticeOfAsync(turn.Caller, exampleId, turn.Aborted) is not { } notice
            || await examples.FindAsync(exampleId, turn.Aborted) is not { } example)
        {
            return CardActionResult.Message(NotYours);
        }

        var bundle = action.GetString("bundle") ?? notice.SentIn ?? LeadNotice.StraightAway;
        if (example.Status != ExampleStatus.Approved && action.Verb != LeadNoticeVerbs.WantAgain)
        {
            return CardActionResult.Update(await CardAsync(turn.Caller, notice.PersonKey, bundle, exampleId, NoResponses(example), turn.Aborted));
        }

        var now = clock.GetUtcNow();
        await notices.ChangeAsync(notice.PersonKey, exampleId, current => react(current, now) is var changed && changed != current
            ? new EntityDecision<LeadNotice>.Write(changed)
            : new EntityDecision<LeadNotice>.Keep(), turn.Aborted);
        var said = string.Empty;
        if (action.Verb == LeadNoticeVerbs.TryingToo)
        {
            await notices.CountSpreadAsync(PracticeSpread.Of(exampleId, notice.PersonKey, notice.OrganisationKind, now), turn.Aborted);
            said = ThanksForTrying;
        }
        else if (action.Verb == LeadNoticeVerbs.NotForMe)
        {
            await notices.AddLessWantedAsync(notice.PersonKey, example.TopicIds, turn.Aborted);
            said = "Thank you: you will hear less about " + TopicsOf(example) + " from now on.";
        }
        else if (action.Verb == LeadNoticeVerbs.WantAgain)
        {
            await notices.RemoveLessWantedAsync(notice.PersonKey, example.TopicIds, turn.Aborted);
            said = "Done: you will hear about " + TopicsOf(example) + " again when examples match your lead entry.";
        }

        return CardActionResult.Update(await CardAsync(turn.Caller, notice.PersonKey, bundle, exampleId, said, turn.Aborted));
    }

    /// <summary>The card the press came from (the saved list, or an alert), rebuilt from storage with <paramref name="said"/> at the top.</summary>
    private async Task<System.Text.Json.Nodes.JsonObject> CardAsync(
        Caller caller, string personKey, string bundle, string pressed, string said, CancellationToken cancellationToken) =>
        bundle == LeadNoticeVerbs.SavedList
            ? await SavedCardAsync(caller, cancellationToken, said)
            : await BundleCardAsync(personKey, bundle, pressed, said, cancellationToken);

    private static string TopicsOf(GoodPracticeExample example) =>
        string.Join(", ", example.TopicIds.Select(SignalThemes.LabelOf)).ToLowerInvariant();

    /// <summary>The presser's own notice of the example, by their Entra object id or else their Teams user id.</summary>
    private async Task<LeadNotice?> NoticeOfAsync(Caller caller, string exampleId, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { caller.AadObjectId, caller.TeamsId }.OfType<string>().Where(key => key.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (await notices.FindAsync(key, exampleId, cancellationToken) is { } notice)
            {
                return notice;
            }
        }

        return null;
    }

    /// <summary>The card the press came from as it now is: the lead's examples sent in that card, or the one pressed.</summary>
    private async Task<System.Text.Json.Nodes.JsonObject> BundleCardAsync(string personKey, string bundle, string pressed, string said, CancellationToken cancellationToken)
    {
        var mine = await notices.OfAsync(personKey, cancellationToken);
        var inCard = bundle == LeadNotice.StraightAway ? mine.Where(n => n.ExampleId == pressed) : mine.Where(n => n.SentIn == bundle);
        var items = await WithExamplesAsync(inCard.OrderByDescending(n => n.Score), cancellationToken);
        return cards.Alert(bundle, items, said);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> SavedCardAsync(Caller caller, CancellationToken cancellationToken, string said = "")
    {
        var saved = new List<LeadNotice>();
        foreach (var key in new[] { caller.AadObjectId, caller.TeamsId }.OfType<string>().Where(key => key.Length > 0).Distinct(StringComparer.Ordinal))
        {
            saved.AddRange((await notices.OfAsync(key, cancellationToken)).Where(n => n.Saved));
        }

        var items = await WithExamplesAsync(saved.OrderByDescending(n => n.Timestamp), cancellationToken);
        return cards.Saved([.. items.Select(item => (item.Example, item.Notice with { SentIn = LeadNoticeVerbs.SavedList }))], said);
    }

    /// <summary>
    /// Each notice with its example as it now is: a lead was only ever told of approved examples, so one no longer
    /// approved was retired since, and is shown marked (<see cref="PracticeAlertCards"/>) rather than dropped.
    /// </summary>
    private async Task<IReadOnlyList<(GoodPracticeExample Example, LeadNotice Notice)>> WithExamplesAsync(IEnumerable<LeadNotice> list, CancellationToken cancellationToken)
    {
        var items = new List<(GoodPracticeExample, LeadNotice)>();
        foreach (var notice in list)
        {
            if (await examples.FindAsync(notice.ExampleId, cancellationToken) is { } example)
            {
                items.Add((example, notice));
            }
        }

        return items;
    }

    private async Task<System.Text.Json.Nodes.JsonObject> SpreadCardAsync(Caller caller, CancellationToken cancellationToken)
    {
        var exact = await roles.HoldsAsync(caller, Roles.SupportTeam, cancellationToken);
        var lines = new List<(bool Retired, SpreadLine Line)>();
        foreach (var byExample in (await notices.SpreadAsync(cancellationToken)).GroupBy(s => s.ExampleId, StringComparer.Ordinal))
        {
            if (await examples.FindAsync(byExample.Key, cancellationToken) is not { Status: ExampleStatus.Approved or ExampleStatus.Retired } example)
            {
                continue;
            }

            // A retired example's count stops when it was retired: a press that raced the retirement is not counted.
            var retired = example.Status == ExampleStatus.Retired;
            var counted = retired ? byExample.Where(s => example.DecidedAt is not { } at || s.At <= at) : byExample;
            var counts = counted.GroupBy(s => s.OrganisationKind, StringComparer.Ordinal)
                .Select(kind => (kind.Key, kind.Select(s => s.PersonKey).Distinct(StringComparer.OrdinalIgnoreCase).Count()))
                .OrderByDescending(kind => kind.Item2).ToList();
            if (counts.Count == 0)
            {
                continue;
            }

#pragma warning disable LB0001 // The stored (scrubbed) title of an approved or retired example.
            lines.Add((retired, SpreadLine.Of(Cards.CardText.Literal(example.Title), counts, exact, retired ? PracticeAlertCards.RetiredLine(example) : string.Empty)));
#pragma warning restore LB0001
        }

        return cards.Spread([.. lines.OrderBy(l => l.Retired).Select(l => l.Line)], exact);
    }
}
