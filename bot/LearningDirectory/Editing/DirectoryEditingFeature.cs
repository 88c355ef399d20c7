using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.Privacy;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.LearningDirectory.Editing;

/// <summary>
/// Keeping the learning directory current in Teams (every route needs <see cref="Roles.DirectoryEditor"/>; whose
/// offers someone may change is <see cref="DirectoryEditPolicy"/>'s to say): <c>my offers</c> (also <c>edit
/// directory</c>, <c>directory offers</c>) lists the offers the person may change, a page at a time; each can be
/// edited, retired, and have sessions added, changed or cancelled. Retiring and cancelling ask first and keep the row.
/// </summary>
/// <remarks>
/// On the wire: <c>directory.page {page}</c>; <c>directory.offer.add</c>; <c>directory.offer.edit {offerId}</c>;
/// <c>directory.offer.save {offerId, formId, isNew, title, summary, topics, provider, providerKind, openTo, staffGroups,
/// forVolunteers, format, length, cost, bookingUrl, bookingEmail, bookingPhone, mandatoryTopic, articleId}</c>;
/// <c>directory.offer.retire {offerId}</c> asks, <c>directory.offer.retire.confirm {offerId}</c> retires;
/// <c>directory.sessions {offerId}</c>; <c>directory.session.add {offerId}</c>; <c>directory.session.edit {offerId,
/// sessionId}</c>; <c>directory.session.save {offerId, sessionId, formId, date, starts, ends, place, joiningRoute,
/// placesLeft}</c> (sessionId empty for a new one); <c>directory.session.cancel {offerId, sessionId}</c> asks,
/// <c>directory.session.cancel.confirm</c> cancels. A submission that breaks the form's rules comes back with the
/// problems marked and nothing written.
/// </remarks>
public sealed class DirectoryEditingFeature(
    CourseDirectoryStore store, DirectoryEditPolicy policy, DirectoryCards cards, TimeProvider clock, IOptions<LearningDirectoryOptions> options) : IBotFeature
{
    public const string OfferGone = "I can't find that offer in the directory. Type my offers to see the list again.";

    public const string NotYours =
        "Sorry, that offer belongs to another kind of organisation: only its L&D lead or the L&D Support Team can change it.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.DirectoryEditor)
            .OnCommand(async turn => await turn.SendCardAsync(await ListAsync(turn, 1, string.Empty)), "my offers", "edit directory", "directory offers")
            .OnCardAction(DirectoryVerbs.Page, async (turn, action) => CardActionResult.Replace(await ListAsync(turn, action.GetInt("page") ?? 1, string.Empty)))
            .OnCardAction(DirectoryVerbs.AddOffer, AddOfferAsync)
            .OnCardAction(DirectoryVerbs.EditOffer, EditOfferAsync)
            .OnCardAction(DirectoryVerbs.SaveOffer, SaveOfferAsync)
            .OnCardAction(DirectoryVerbs.RetireOffer, (turn, action) => WithOfferAsync(turn, action, (_, offer) =>
                Task.FromResult(CardActionResult.Replace(cards.ConfirmRetire(offer.Offer.ToOffer())))))
            .OnCardAction(DirectoryVerbs.ConfirmRetireOffer, RetireAsync)
            .OnCardAction(DirectoryVerbs.Sessions, (turn, action) => WithOfferAsync(turn, action, (_, offer) =>
                Task.FromResult(CardActionResult.Replace(cards.Sessions(offer, clock.GetUtcNow())))))
            .OnCardAction(DirectoryVerbs.AddSession, (turn, action) => WithOfferAsync(turn, action, (_, offer) =>
                Task.FromResult(CardActionResult.Replace(cards.SessionForm(SessionForm.Empty(offer.Offer.OfferId), offer.Offer.ToOffer().Title, SessionRules.Dates(UkTime.Today(clock), isNew: true))))))
            .OnCardAction(DirectoryVerbs.EditSession, (turn, action) => WithSessionAsync(turn, action, (offer, session) =>
                CardActionResult.Replace(cards.SessionForm(SessionForm.Of(session.ToSession()), offer.Offer.ToOffer().Title, SessionRules.Dates(UkTime.Today(clock), isNew: false)))))
            .OnCardAction(DirectoryVerbs.SaveSession, SaveSessionAsync)
            .OnCardAction(DirectoryVerbs.CancelSession, (turn, action) => WithSessionAsync(turn, action, (offer, session) =>
                CardActionResult.Replace(cards.ConfirmCancel(offer.Offer.ToOffer(), session.ToSession()))))
            .OnCardAction(DirectoryVerbs.ConfirmCancelSession, CancelSessionAsync);

    private async Task<JsonObject> ListAsync(ITurnContext turn, int page, string notice)
    {
        var kinds = await policy.KindsAsync(turn.Caller, turn.Aborted);
        var offers = await store.ListOffersAsync(kinds.Kinds, turn.Aborted);
        return cards.Offers(offers, kinds, page, options.Value.PageSize, clock.GetUtcNow(), notice);
    }

    private async Task<CardActionResult> AddOfferAsync(ITurnContext turn, CardActionRequest action)
    {
        var kinds = await policy.KindsAsync(turn.Caller, turn.Aborted);
        return CardActionResult.Replace(cards.OfferForm(OfferForm.Empty(kinds.Kinds.Count == 1 ? kinds.Kinds[0] : string.Empty), kinds));
    }

    private Task<CardActionResult> EditOfferAsync(ITurnContext turn, CardActionRequest action) =>
        WithOfferAsync(turn, action, (kinds, offer) => Task.FromResult(CardActionResult.Replace(cards.OfferForm(OfferForm.Of(offer.Offer.ToOffer()), kinds))));

    private async Task<CardActionResult> SaveOfferAsync(ITurnContext turn, CardActionRequest action)
    {
        var form = OfferForm.From(action);
        var kinds = await policy.KindsAsync(turn.Caller, turn.Aborted);
        StoredOffer? existing = null;
        if (!form.IsNew)
        {
            existing = await FindAsync(form.OfferId, turn.Aborted);
            if (existing is null)
            {
                return CardActionResult.Message(OfferGone);
            }

            if (!kinds.Includes(existing.Offer.ProviderKind))
            {
                return CardActionResult.Message(NotYours);
            }
        }

        var card = cards.OfferForm(form, kinds);
        var problems = OfferRules.Problems(form.ToOffer(null), kinds, isNew: form.IsNew).Select(p => new CardInputProblem(p.Field, p.Kind, p.Message));
        if (CardSubmission.Refusal(card, action.Submitted(), alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        var scrubbed = ScrubbedOffer.Of(form.ToOffer(existing?.Offer.ToOffer()), UkTime.Today(clock));
        if (scrubbed.WasScrubbed)
        {
            return CardActionResult.Replace(cards.OfferForm(OfferForm.Of(scrubbed.Offer) with { IsNew = form.IsNew, FormId = form.FormId }, kinds,
                PersonalDataScrubber.DescribeAll(scrubbed.Removed)));
        }

        return existing is null ? await AddAsync(turn, action, form, kinds, scrubbed) : await ChangeAsync(turn, kinds, scrubbed);
    }

    private async Task<CardActionResult> AddAsync(ITurnContext turn, CardActionRequest action, OfferForm form, EditableKinds kinds, ScrubbedOffer offer)
    {
        var entity = CourseOfferEntity.Create(offer, turn.Caller.PersonKey!, clock.GetUtcNow()) with { AddedWith = form.FormId };
        var (added, outcome) = await store.AddOfferAsync(entity, turn.Aborted);
        if (outcome == DirectoryAddOutcome.IdTaken)
        {
            return CardSubmission.Refusal(cards.OfferForm(form, kinds), action.Submitted(),
                alsoWrong: [new CardInputProblem("offerId", "taken", "That code is already used by another offer: please choose another.")])!;
        }

        return CardActionResult.Update(await ListAsync(turn, 1, $"Added {CardText.Literal(added.ToOffer().Title)}. Press Sessions to give its dates."));
    }

    private async Task<CardActionResult> ChangeAsync(ITurnContext turn, EditableKinds kinds, ScrubbedOffer offer)
    {
        var refused = false;
        var change = await store.ChangeOfferAsync(offer.Offer.Id, current =>
        {
            // Someone may have moved the offer to another kind since it was read: decide on what is stored now.
            refused = !kinds.Includes(current.ProviderKind);
            return refused || current.Holds(offer)
                ? new EntityDecision<CourseOfferEntity>.Keep()
                : new EntityDecision<CourseOfferEntity>.Write(current.With(offer, turn.Caller.PersonKey!, clock.GetUtcNow()) with { IsRetired = current.IsRetired });
        }, turn.Aborted);
        if (change is null)
        {
            return CardActionResult.Message(OfferGone);
        }

        if (refused)
        {
            return CardActionResult.Message(NotYours);
        }

        var title = CardText.Literal(change.Entity.ToOffer().Title);
        return CardActionResult.Update(await ListAsync(turn, 1, change.Changed ? $"Saved {title}." : $"Nothing changed in {title}."));
    }

    private async Task<CardActionResult> RetireAsync(ITurnContext turn, CardActionRequest action)
    {
        var kinds = await policy.KindsAsync(turn.Caller, turn.Aborted);
        var offerId = action.GetString("offerId") ?? string.Empty;
        if (offerId.Length == 0)
        {
            return CardActionResult.Message(OfferGone);
        }

        var refused = false;
        var change = await store.ChangeOfferAsync(offerId, current =>
        {
            refused = !kinds.Includes(current.ProviderKind);
            return refused || current.IsRetired
                ? new EntityDecision<CourseOfferEntity>.Keep()
                : new EntityDecision<CourseOfferEntity>.Write(current.Retire(turn.Caller.PersonKey!, clock.GetUtcNow()));
        }, turn.Aborted);
        return change is null ? CardActionResult.Message(OfferGone)
            : refused ? CardActionResult.Message(NotYours)
            : CardActionResult.Update(await ListAsync(turn, 1, $"Retired {CardText.Literal(change.Entity.ToOffer().Title)}. People asking no longer see it."));
    }

    public const string SessionIdTaken = "This session was not saved: its form had already added another session. Check the details and press Save again to add it.";

    private async Task<CardActionResult> SaveSessionAsync(ITurnContext turn, CardActionRequest action)
    {
        var form = SessionForm.From(action);
        var kinds = await policy.KindsAsync(turn.Caller, turn.Aborted);
        var offer = form.OfferId.Length == 0 ? null : await FindAsync(form.OfferId, turn.Aborted);
        if (offer is null)
        {
            return CardActionResult.Message(OfferGone);
        }

        if (!kinds.Includes(offer.Offer.ProviderKind))
        {
            return CardActionResult.Message(NotYours);
        }

        var title = offer.Offer.ToOffer().Title;
        var current = form.IsNew ? null : offer.Sessions.FirstOrDefault(s => s.SessionId == form.SessionId);
        if (!form.IsNew && current is null)
        {
            return CardActionResult.Message(OfferGone);
        }

        var dates = SessionRules.Dates(UkTime.Today(clock), form.IsNew);
        var session = form.ToSession(current?.IsCancelled ?? false, dates);
        var problems = SessionRules.Problems(form, session, clock.GetUtcNow()).Select(p => new CardInputProblem(p.Field, p.Kind, p.Message));
        if (CardSubmission.Refusal(cards.SessionForm(form, title, dates), action.Submitted(), alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        var scrubbed = ScrubbedSession.Of(session!, UkTime.Today(clock));
        if (scrubbed.WasScrubbed)
        {
            return CardActionResult.Replace(cards.SessionForm(SessionForm.Of(scrubbed.Session) with { SessionId = form.SessionId, FormId = form.FormId }, title, dates,
                PersonalDataScrubber.DescribeAll(scrubbed.Removed)));
        }

        var by = turn.Caller.PersonKey!;
        if (form.IsNew)
        {
            var (_, outcome) = await store.AddSessionAsync(CourseSessionEntity.Create(scrubbed, by, clock.GetUtcNow()) with { AddedWith = form.FormId }, turn.Aborted);
            if (outcome == DirectoryAddOutcome.NoSuchOffer)
            {
                return CardActionResult.Message(OfferGone);
            }

            if (outcome == DirectoryAddOutcome.IdTaken)
            {
                // The session id comes from the form's id, and another form already used it: a fresh form id lets this one be added.
                return CardSubmission.Refusal(cards.SessionForm(form with { FormId = Guid.NewGuid().ToString("N") }, title, dates), action.Submitted(),
                    alsoWrong: [new CardInputProblem("date", "taken", SessionIdTaken)])!;
            }
        }
        else
        {
            await store.ChangeSessionAsync(form.OfferId, form.SessionId, stored => stored.Holds(scrubbed)
                ? new EntityDecision<CourseSessionEntity>.Keep()
                : new EntityDecision<CourseSessionEntity>.Write(stored.With(scrubbed, by, clock.GetUtcNow()) with { IsCancelled = stored.IsCancelled }), turn.Aborted);
        }

        var notice = $"{(form.IsNew ? "Added" : "Saved")} the session on {DirectoryCards.When(scrubbed.Session)}.";
        return CardActionResult.Update(cards.Sessions((await FindAsync(form.OfferId, turn.Aborted))!, clock.GetUtcNow(), notice));
    }

    private Task<CardActionResult> CancelSessionAsync(ITurnContext turn, CardActionRequest action) =>
        WithSessionAsync(turn, action, async (offer, session) =>
        {
            var change = await store.ChangeSessionAsync(offer.Offer.OfferId, session.SessionId, current => current.IsCancelled
                ? new EntityDecision<CourseSessionEntity>.Keep()
                : new EntityDecision<CourseSessionEntity>.Write(current.Cancel(turn.Caller.PersonKey!, clock.GetUtcNow())), turn.Aborted);
            if (change is null)
            {
                return CardActionResult.Message(OfferGone);
            }

            var notice = $"Cancelled the session on {DirectoryCards.When(change.Entity.ToSession())}. People asking are no longer offered it.";
            return CardActionResult.Update(cards.Sessions((await FindAsync(offer.Offer.OfferId, turn.Aborted))!, clock.GetUtcNow(), notice));
        });

    /// <summary>Runs <paramref name="then"/> on the offer the action names, once the caller may change it.</summary>
    private async Task<CardActionResult> WithOfferAsync(ITurnContext turn, CardActionRequest action, Func<EditableKinds, StoredOffer, Task<CardActionResult>> then)
    {
        var offerId = action.GetString("offerId") ?? string.Empty;
        var offer = offerId.Length == 0 ? null : await FindAsync(offerId, turn.Aborted);
        if (offer is null)
        {
            return CardActionResult.Message(OfferGone);
        }

        var kinds = await policy.KindsAsync(turn.Caller, turn.Aborted);
        return kinds.Includes(offer.Offer.ProviderKind) ? await then(kinds, offer) : CardActionResult.Message(NotYours);
    }

    private Task<CardActionResult> WithSessionAsync(ITurnContext turn, CardActionRequest action, Func<StoredOffer, CourseSessionEntity, CardActionResult> then) =>
        WithSessionAsync(turn, action, (offer, session) => Task.FromResult(then(offer, session)));

    private Task<CardActionResult> WithSessionAsync(ITurnContext turn, CardActionRequest action, Func<StoredOffer, CourseSessionEntity, Task<CardActionResult>> then) =>
        WithOfferAsync(turn, action, async (_, offer) =>
            offer.Sessions.FirstOrDefault(s => s.SessionId == action.GetString("sessionId")) is { } session
                ? await then(offer, session)
                : CardActionResult.Message(OfferGone));

    private async Task<StoredOffer?> FindAsync(string offerId, CancellationToken cancellationToken)
    {
        try
        {
            return await store.FindOfferAsync(offerId, cancellationToken);
        }
        catch (ArgumentException)
        {
            return null; // an id no table key can hold was sent back
        }
    }
}
