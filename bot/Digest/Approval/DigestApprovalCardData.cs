using LearningBot.Cards;

namespace LearningBot.Digest.Approval;

/// <summary>
/// Data for the <c>digest-approval</c> card: the edition exactly as readers will see it, who asked, what this person
/// approves, and Approve / Request changes (when it is still waiting for them). <see cref="Version"/> is the version sent
/// for approval: a press showing another is refused.
/// </summary>
public sealed record DigestApprovalCardData(
    int Number, int Version, string Title, string Period, string AskedBy, string YourPart, string StatusLine, string Notice, bool CanDecide,
    string Comment, string Removed, IReadOnlyList<DigestHeadline> Headlines, IReadOnlyList<DigestPreviewItem> Items) : ICardData
{
    public static string CardName => "digest-approval";

    public int CommentLimit => DigestApprovalLimits.CommentLength;
}

/// <summary>Data for the <c>digest-approval-news</c> card: the editor hears that an edition was approved, or that changes were asked for.</summary>
public sealed record DigestApprovalNewsCardData(int Number, string Heading, string Message, string Comment) : ICardData
{
    public static string CardName => "digest-approval-news";
}

/// <summary>Data for the <c>digest-history</c> card: an edition's audit trail, who did what and when.</summary>
public sealed record DigestHistoryCardData(int Number, string Title, IReadOnlyList<DigestHistoryLine> Lines) : ICardData
{
    public static string CardName => "digest-history";
}

public sealed record DigestHistoryLine(string When, string Who, string What);
