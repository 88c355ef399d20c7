namespace LearningBot.Digest;

/// <summary>The verbs of the digest's cards. <see cref="Latest"/> is the welcome card's "Read the digest".</summary>
public static class DigestVerbs
{
    public const string Latest = "digest.latest";
    public const string Open = "digest.open";
    public const string Up = "digest.up";
    public const string Down = "digest.down";
    public const string Edit = "digest.edit";
    public const string Remove = "digest.remove";
    public const string Add = "digest.add";
    public const string Save = "digest.save";
    public const string Preview = "digest.preview";
    public const string Contribute = "digest.contribute";
    public const string SendContribution = "digest.contribute.send";

    // Approval (Approval/DigestApproving).
    public const string SendForApproval = "digest.approval.send";
    public const string Approve = "digest.approval.approve";
    public const string RequestChanges = "digest.approval.changes";
    public const string History = "digest.history";

    // Sending (bot/Digest/Sending): choosing the audience and time, reading a sent edition, subscriptions.
    public const string SendOpen = "digest.send.open";
    public const string Schedule = "digest.send.schedule";
    public const string CancelSchedule = "digest.send.cancel";
    public const string Read = "digest.read";
    public const string Unsubscribe = "digest.unsubscribe";
    public const string Subscribe = "digest.subscribe";
}

/// <summary>The verbs of the archive's cards (past editions, opening one, searching) and the reader card's "Past editions".</summary>
public static class DigestArchiveVerbs
{
    public const string Archive = "digest.archive";
    public const string OpenEdition = "digest.archive.open";
    public const string Search = "digest.archive.search";
}
