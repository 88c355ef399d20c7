using LearningBot.Access;
using LearningBot.Connector.Hosting;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>
/// Who may start and edit an alert's analysis: the leads the stored alert was sent to, the lead who answered it, and the
/// L&amp;D Support Team. Decided from the stored alert and the roles, never from what a card sent back.
/// </summary>
public sealed class LnaAccess(IRoleCheck roles)
{
    public const string NotYours = "Only the leads this alert was sent to and the L&D Support Team can work on its learning needs analysis.";

    public async ValueTask<bool> MayEditAsync(Caller caller, SignalAlert alert, CancellationToken cancellationToken) =>
        alert.IsRecipient(caller.PersonKey)
        || (alert.Owner is { Length: > 0 } owner && string.Equals(owner, caller.PersonKey, StringComparison.OrdinalIgnoreCase))
        || await roles.HoldsAsync(caller, Roles.SupportTeam, cancellationToken);
}
