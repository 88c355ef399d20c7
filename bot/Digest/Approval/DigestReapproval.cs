namespace LearningBot.Digest.Approval;

/// <summary>
/// An approved (or scheduled) edition can still be changed, but a change takes it back to a draft that needs approval
/// again: the editor's presses call <see cref="AfterChange"/> in the same decision as the change, so no approved edition
/// ever holds contents nobody approved.
/// </summary>
public static class DigestReapproval
{
    public const string Note = "Changed after approval: needs approval again.";

    /// <summary>Whether the editor may change the contents: a draft, one sent back with changes requested, or one approved or scheduled (which then needs approval again).</summary>
    public static bool AllowsChanges(string status) =>
        DigestStatus.IsEditable(status) || status is DigestStatus.Approved or DigestStatus.Scheduled;

    /// <summary>The change as decided; when <paramref name="before"/> was approved or scheduled, back to a draft with its approvals cleared, and said so in the audit line.</summary>
    public static DigestEditionChange AfterChange(DigestEdition before, DigestEditionChange change) =>
        before.Status is DigestStatus.Approved or DigestStatus.Scheduled
            ? change with
            {
                Edition = change.Edition with { Status = DigestStatus.Draft, ApprovalJson = string.Empty, ApprovedVersion = 0 },
                What = $"{change.What} {Note}",
            }
            : change;
}
