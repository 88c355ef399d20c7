using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;

namespace LearningBot.Leads;

/// <summary>
/// A lead's own entry in the register: <c>my lead entry</c> (also <c>lead entry</c>, <c>my topics</c>) shows "Is this
/// still you?" with their topics and how often feedback should reach them; Save changes them in place and answers with
/// what changed. Someone not in the register is told so and who to ask.
/// </summary>
/// <remarks>
/// On the wire: Action.Execute <c>lead.save</c> with data <c>{specialties, alertPreference}</c> (specialties the
/// comma-separated theme ids of <see cref="SignalThemes"/>, alertPreference <c>straight-away</c> or <c>weekly</c>);
/// <c>lead.entry</c> with no data shows the entry again. The entry changed is always the caller's own, found by who
/// they are, never by anything the card sends.
/// </remarks>
public sealed class LeadEntryFeature(LeadRegister register, LeadCards cards, TimeProvider clock) : IBotFeature
{
    public const string NotInRegister =
        "You are not in the register of leads, so there is no entry to show. If you lead a specialty, a service or your " +
        "organisation's learning and should be in it, ask the L&D Support Team to add you.";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCommand(SharedConversation.PersonalOnly(ShowOwnEntryAsync), "my lead entry", "lead entry", "my topics")
            .OnCardAction(LeadVerbs.Entry, EntryAgainAsync);
        routes.For(Roles.Lead, NotInRegister)
            .OnCardAction(LeadVerbs.SaveOwn, SaveAsync);
    }

    private async Task ShowOwnEntryAsync(ITurnContext turn)
    {
        if (await register.ActiveEntryOfAsync(turn.Caller, turn.Aborted) is { } entry)
        {
            await turn.SendCardAsync(cards.Entry(entry));
        }
        else
        {
            await turn.SendTextAsync(NotInRegister);
        }
    }

    private async Task<CardActionResult> EntryAgainAsync(ITurnContext turn, CardActionRequest action) =>
        await register.ActiveEntryOfAsync(turn.Caller, turn.Aborted) is { } entry
            ? CardActionResult.Replace(cards.Entry(entry))
            : CardActionResult.Message(NotInRegister);

    private async Task<CardActionResult> SaveAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await register.ActiveEntryOfAsync(turn.Caller, turn.Aborted) is not { } entry)
        {
            return CardActionResult.Message(NotInRegister);
        }

        if (CardSubmission.Refusal(cards.Entry(entry), action.Submitted()) is { } refusal)
        {
            return refusal;
        }

        var specialties = SignalThemes.Parse(action.GetString("specialties"));
        var preference = action.GetString("alertPreference")!;
        var before = entry;
        var change = await register.ChangeAsync(entry.PersonKey, current =>
        {
            before = current;
            return current.Retired || (current.SpecialtyIds().SequenceEqual(specialties) && current.AlertPreference == preference)
                ? new EntityDecision<LeadEntry>.Keep()
                : new EntityDecision<LeadEntry>.Write(current.WithChoices(specialties, preference, turn.Caller.PersonKey!, clock.GetUtcNow()));
        }, turn.Aborted);

        return change is null || change.Entity.Retired
            ? CardActionResult.Message(NotInRegister)
            : CardActionResult.Update(cards.Saved(before, change.Entity));
    }
}
