using LearningBot.Access;
using LearningBot.Connector.Hosting;

namespace LearningBot.Digest.Approval;

/// <summary>
/// Approval of an edition before anything is sent: the editor's "Send for approval" (digest editors only), Approve and
/// Request changes on the approval card (decided in <see cref="DigestApproving"/> from the digest approver role, the
/// register of leads and the audit trail, so an L&amp;D lead without the role reaches them too), and the history.
/// </summary>
public sealed class DigestApprovalFeature(DigestApproving approving, DigestHistory history) : IBotFeature
{
    public void MapRoutes(BotRoutes routes)
    {
        routes.For(Roles.DigestEditor, DigestFeature.OnlyEditors)
            .OnCardAction(DigestVerbs.SendForApproval, approving.SendAsync);

        routes
            .OnCardAction(DigestVerbs.Approve, approving.ApproveAsync)
            .OnCardAction(DigestVerbs.RequestChanges, approving.RequestChangesAsync)
            .OnCardAction(DigestVerbs.History, history.PressAsync)
            .OnCommandWithArgument(approving.ShowAsync, "approve digest", "digest approval")
            .OnCommandWithArgument(history.CommandAsync, "digest history", "digest audit");
    }
}
