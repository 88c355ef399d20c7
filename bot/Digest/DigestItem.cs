using LearningBot.Privacy;

namespace LearningBot.Digest;

/// <summary>
/// One item of an edition. Headline, text and link are free text, stored only scrubbed: they are set through
/// <see cref="Of"/> and <see cref="Edited"/>, which take <see cref="ScrubbedText"/>. The text is plain (no Markdown): cards
/// show it through <c>CardText.Literal</c>, and the print page as it is.
/// </summary>
public sealed record DigestItem
{
    /// <summary>Names the item in card presses; stays with it when it moves.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>One of <see cref="DigestItemKinds"/>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>For a team item: one of <see cref="DigestItemKinds.TeamCategories"/> (courses, learning sets, …); empty otherwise.</summary>
    public string Category { get; init; } = string.Empty;

    /// <summary>What it came from: an example's id, an alert's id, an article's id, a contribution's id; empty for team items.</summary>
    public string SourceId { get; init; } = string.Empty;

    public string Headline { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Text { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>An https address for more, or empty.</summary>
    public string Link { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The organisation kind the item is for (a section of its own for them); empty for everyone.</summary>
    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>The section the item belongs to: its kind's, or the team item's category's.</summary>
    public string Section => DigestItemKinds.SectionOf(Kind);

    /// <summary>The headline, text and link to show (all stored scrubbed).</summary>
#pragma warning disable LB0001 // Reading the stored, scrubbed text.
    public (string Headline, string Text, string Link) Shown() => (Headline, Text, Link);
#pragma warning restore LB0001

    /// <summary>A new item; its free text only as <see cref="ScrubbedText"/>.</summary>
    public static DigestItem Of(string kind, string sourceId, ScrubbedText headline, ScrubbedText text, ScrubbedText link, string organisationKind = "", string category = "") =>
        new DigestItem { Id = Guid.NewGuid().ToString("N")[..12], Kind = kind, SourceId = sourceId, Category = category }
            .Edited(headline, text, link, organisationKind);

    /// <summary>This item with new words; the free text only as <see cref="ScrubbedText"/>.</summary>
    public DigestItem Edited(ScrubbedText headline, ScrubbedText text, ScrubbedText link, string organisationKind) =>
#pragma warning disable LB0001 // The one place the text is set, from ScrubbedText.
        this with
        {
            Headline = headline.Truncate(DigestLimits.HeadlineLength).Text,
            Text = text.Truncate(DigestLimits.TextLength).Text,
            Link = link.Truncate(DigestLimits.LinkLength).Text,
            OrganisationKind = organisationKind,
        };
#pragma warning restore LB0001
}

/// <summary>The kinds of item and the sections readers see them in, in the order of the newsletter.</summary>
public static class DigestItemKinds
{
    public const string GoodPractice = "good-practice";
    public const string YouSaidWeDid = "you-said-we-did";
    public const string Article = "article";
    public const string TeamItem = "team-item";
    public const string ReviewTip = "review-tip";
    public const string Contribution = "contribution";

    public static IReadOnlyList<string> All { get; } = [GoodPractice, YouSaidWeDid, Article, TeamItem, ReviewTip, Contribution];

    /// <summary>What the L&amp;D team adds by hand: the choices of "Add an item".</summary>
    public static IReadOnlyList<(string Value, string Title)> TeamCategories { get; } =
    [
        ("course", "Course"),
        ("learning-set", "Learning set"),
        ("network", "Network"),
        ("funding-deadline", "Funding deadline"),
        ("event", "Event or date"),
    ];

    /// <summary>The section heading of each kind, in the newsletter's order.</summary>
    public static string SectionOf(string kind) => kind switch
    {
        GoodPractice => "From the community",
        YouSaidWeDid => "You said, we did",
        Article => "New in the knowledge base",
        TeamItem => "Dates and courses",
        ReviewTip => "Five Minute Review tip",
        Contribution => "Your contributions",
        _ => "More news",
    };

    /// <summary>Where the kind's section comes in the newsletter.</summary>
    public static int OrderOf(string kind) => All.ToList().IndexOf(kind) is var i and >= 0 ? i : All.Count;

    public static string CategoryTitle(string category) =>
        TeamCategories.FirstOrDefault(c => c.Value == category).Title ?? string.Empty;
}
