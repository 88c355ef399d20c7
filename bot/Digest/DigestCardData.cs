using LearningBot.Cards;
using LearningBot.FeedbackSignals;

namespace LearningBot.Digest;

/// <summary>Data for the <c>digest-edition</c> card: the editor's view of one page of an edition's items.</summary>
public sealed record DigestEditionCardData(
    int Number, string Title, string Period, string StatusText, int Version, string Notice, int ItemCount, int Page, int Pages,
    int FirstShown, int LastShown, int EarlierPage, int LaterPage, IReadOnlyList<DigestEditionCardItem> Items,
    string ApprovalText = "", bool CanEdit = true, bool CanSendForApproval = true) : ICardData
{
    public static string CardName => "digest-edition";

    /// <summary>The edition's <see cref="DigestStatus"/>: an approved edition's card offers "Send or schedule".</summary>
    public string Status { get; init; } = DigestStatus.Draft;

    public bool CanSend => Status == DigestStatus.Approved;
}

/// <summary>One item on the editor's card: its headline and the start of its text, ready for a card.</summary>
public sealed record DigestEditionCardItem(string Id, int Position, string Section, string Headline, string Excerpt, string ForWhom);

/// <summary>Data for the <c>digest-item</c> card: editing an item, or adding a team item.</summary>
public sealed record DigestItemCardData(
    int Number, int Version, int Page, string ItemId, string Heading, string EditionTitle, string KindTitle, bool IsNew, string Notice, string Removed,
    string Category, IReadOnlyList<SignalChoice> CategoryChoices, string Headline, string Text, string Link, string OrganisationKind,
    IReadOnlyList<SignalChoice> OrganisationKindChoices) : ICardData
{
    public static string CardName => "digest-item";

    public int HeadlineLimit => DigestLimits.HeadlineLength;

    public int TextLimit => DigestLimits.TextLength;

    public int LinkLimit => DigestLimits.LinkLength;
}

/// <summary>Data for the <c>digest-preview</c> card: an edition exactly as readers see it.</summary>
/// <remarks><see cref="PrintUrl"/> and <see cref="LargePrintUrl"/>: the printable page (a signed print preview for a draft), empty when there is none.</remarks>
public sealed record DigestPreviewCardData(
    int Number, bool IsPreview, string Title, string Period, string Notice, IReadOnlyList<DigestHeadline> Headlines, IReadOnlyList<DigestPreviewItem> Items,
    string PrintTitle = "", string PrintUrl = "", string LargePrintUrl = "") : ICardData
{
    public static string CardName => "digest-preview";
}

public sealed record DigestHeadline(string Text);

/// <summary>An item as readers see it; <see cref="SectionHeading"/> is set where a new section starts.</summary>
public sealed record DigestPreviewItem(string SectionHeading, string Headline, string ForWhom, string Text, string Link, string LinkText);

/// <summary>Data for the <c>digest-contribute</c> card: a piece for the newsletter, 150 to 300 words.</summary>
public sealed record DigestContributeCardData(string ContributionId, string Headline, string Text, string Notice, string Removed) : ICardData
{
    public static string CardName => "digest-contribute";

    public int MinWords => DigestLimits.ContributionMinWords;

    public int MaxWords => DigestLimits.ContributionMaxWords;

    public int HeadlineLimit => DigestLimits.HeadlineLength;

    public int TextLimit => DigestLimits.TextLength;
}
