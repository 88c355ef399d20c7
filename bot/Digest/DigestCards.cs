using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Digest.Print;
using LearningBot.FeedbackSignals;

namespace LearningBot.Digest;

/// <summary>The digest's cards from an edition: the editor's card a page at a time, the item form, and the reader's view.</summary>
public sealed class DigestCards(CardCatalog cards, DigestPrintLinks printLinks)
{
    /// <summary>Items on one page of the editor's card: with four buttons each, this keeps the card well under Teams' 28 KB.</summary>
    public const int PageSize = 8;

    /// <summary>How much of an item's text the editor's card shows.</summary>
    public const int ExcerptLength = 160;

    public const string Everyone = "everyone";

    // The host runs in globalisation-invariant mode, whose month names are English.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static IReadOnlyList<SignalChoice> OrganisationKindChoices { get; } = [new(Everyone, "Everyone"), .. SignalChoices.OrganisationKinds];

    public static IReadOnlyList<SignalChoice> CategoryChoices { get; } = [.. DigestItemKinds.TeamCategories.Select(c => new SignalChoice(c.Value, c.Title))];

    public static int PagesOf(DigestEdition edition) => Math.Max(1, (edition.Items.Count + PageSize - 1) / PageSize);

    /// <summary>The page an item is on.</summary>
    public static int PageOf(DigestEdition edition, string itemId) =>
        edition.Items.ToList().FindIndex(item => item.Id == itemId) is var index and >= 0 ? (index / PageSize) + 1 : 1;

    public JsonObject Edition(DigestEdition edition, int page = 1, string notice = "")
    {
        var items = edition.Items;
        var pages = PagesOf(edition);
        page = Math.Clamp(page, 1, pages);
        var first = (page - 1) * PageSize;
        var shown = items.Skip(first).Take(PageSize).Select((item, i) =>
        {
            var (headline, text, _) = item.Shown();
            return new DigestEditionCardItem(item.Id, first + i + 1, SectionTitle(item), CardText.Literal(headline), CardText.Literal(Excerpt(text)), ForWhom(item));
        }).ToList();
        return cards.Render(new DigestEditionCardData(
            edition.Number, $"{edition.Title} ({StatusWord(edition.Status)})", Period(edition), StatusText(edition.Status), edition.Version, notice,
            items.Count, page, pages, items.Count == 0 ? 0 : first + 1, first + shown.Count, Math.Max(1, page - 1), Math.Min(pages, page + 1), shown,
            Approval.DigestApprovalCards.StatusWords(edition), Approval.DigestReapproval.AllowsChanges(edition.Status), DigestStatus.IsEditable(edition.Status))
        {
            Status = edition.Status,
        });
    }

    /// <summary>The form for <paramref name="item"/>, or for a new team item when it is null.</summary>
    public JsonObject ItemForm(DigestEdition edition, DigestItem? item, int page, string removed = "", string notice = "", DigestItemAnswers? answers = null)
    {
        var (headline, text, link) = item?.Shown() ?? (string.Empty, string.Empty, string.Empty);
        var category = answers?.Category ?? item?.Category ?? string.Empty;
        var kind = item is null ? DigestItemKinds.SectionOf(DigestItemKinds.TeamItem) : SectionTitle(item);
        return cards.Render(new DigestItemCardData(
            edition.Number, edition.Version, page, item?.Id ?? string.Empty, item is null ? "Add an item" : "Edit an item",
            $"{edition.Title} ({StatusWord(edition.Status)})", kind, item is null, notice, removed, category, CategoryChoices,
            answers?.Headline ?? headline, answers?.Text ?? text, answers?.Link ?? link,
            answers?.OrganisationKind ?? (item is { OrganisationKind.Length: > 0 } ? item.OrganisationKind : Everyone),
            OrganisationKindChoices));
    }

    /// <summary>
    /// The edition exactly as readers see it; <paramref name="isPreview"/> adds the editor's banner and way back. An
    /// edition can hold 30 items of 2,400 characters, far more than a Teams card takes, so it comes with a shorter form
    /// (<see cref="Shortened"/>) that <see cref="CardFit"/> sends when the whole is over 28 KB.
    /// </summary>
    public CardReply Reader(DigestEdition edition, bool isPreview)
    {
        var items = ReaderItems(edition);
        var printTitle = isPreview ? "Print preview" : "Print this edition";
        var printUrl = isPreview ? printLinks.Preview(edition.Number) : printLinks.Public(edition.Number);
        var data = new DigestPreviewCardData(
            edition.Number, isPreview, $"Learning digest: {edition.Title}", Period(edition), items.Count == 0 ? "This edition has no items yet." : string.Empty,
            ReaderHeadlines(edition), items, printTitle, printUrl,
            isPreview ? string.Empty : printLinks.Public(edition.Number, large: true));
        var tooLong = printUrl.Length > 0
            ? $"This edition is too long to show in full in Teams, so each item shows its first lines. Press {printTitle} to read all of it."
            : "This edition is too long to show in full in Teams, so each item shows its first lines.";
        return new(cards.Render(data), () => cards.Render(data with { Notice = tooLong, Headlines = [], Items = Shortened(items) }));
    }

    /// <summary>The items with each text cut to its first lines and without links: an edition's shorter form, for cards Teams would refuse whole.</summary>
    public static IReadOnlyList<DigestPreviewItem> Shortened(IReadOnlyList<DigestPreviewItem> items) =>
        [.. items.Select(item => item with { Text = Excerpt(item.Text), Link = string.Empty, LinkText = string.Empty })];

    /// <summary>The items as readers see them, ready for a card (the reader's card and the approval card).</summary>
    public static IReadOnlyList<DigestPreviewItem> ReaderItems(DigestEdition edition)
    {
        var previous = string.Empty;
        var items = new List<DigestPreviewItem>();
        foreach (var item in edition.Items)
        {
            var (headline, text, link) = item.Shown();
            var section = item.Section;
            items.Add(new DigestPreviewItem(section == previous ? string.Empty : section, CardText.Literal(headline), AboutLine(item), CardText.Literal(text),
                link, CardText.Literal(LinkInWords(link))));
            previous = section;
        }

        return items;
    }

    public static IReadOnlyList<DigestHeadline> ReaderHeadlines(DigestEdition edition) =>
        [.. edition.Items.Select(item => new DigestHeadline(CardText.Literal(item.Shown().Headline)))];

    /// <summary>The reader's card when no edition has been sent yet.</summary>
    public JsonObject NoneSent() => cards.Render(new DigestPreviewCardData(
        0, false, "Learning digest", "No edition yet",
        "No digest has been sent yet. When the first edition is out, you will find it here: type digest, or press Read the digest on the menu.", [], []));

    public JsonObject Contribute(string contributionId, string headline = "", string text = "", string notice = "", string removed = "") =>
        cards.Render(new DigestContributeCardData(contributionId, headline, text, notice, removed));

    public static string Period(DigestEdition edition) =>
        $"{UkTime.Local(edition.PeriodFrom).ToString("d MMMM", English)} to {UkTime.Local(edition.PeriodTo).ToString("d MMMM yyyy", English)}";

    private static string SectionTitle(DigestItem item) =>
        item.Kind == DigestItemKinds.TeamItem && DigestItemKinds.CategoryTitle(item.Category) is { Length: > 0 } category
            ? $"{item.Section} ({category.ToLowerInvariant()})"
            : item.Section;

    /// <summary>For the reader: a team item's category and who the item is for ("Learning set. For: Voluntary sector").</summary>
    private static string AboutLine(DigestItem item) =>
        string.Join(". ", new[] { item.Kind == DigestItemKinds.TeamItem ? DigestItemKinds.CategoryTitle(item.Category) : string.Empty, ForWhom(item) }
            .Where(part => part.Length > 0));

    private static string ForWhom(DigestItem item) =>
        item.OrganisationKind.Length == 0 ? string.Empty : $"For: {SignalChoices.OrganisationKinds.TitleOf(item.OrganisationKind)}";

    private static string Excerpt(string text) =>
        text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', ExcerptLength) is var cut and > 0 ? cut : ExcerptLength), "…");

    /// <summary>The address without its scheme, so it reads as words ("learning.example.org/sets").</summary>
    private static string LinkInWords(string link) =>
        link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? link["https://".Length..].TrimEnd('/') : link;

    private static string StatusWord(string status) => status switch
    {
        DigestStatus.Draft => "draft",
        DigestStatus.AwaitingApproval => "awaiting approval",
        DigestStatus.ChangesRequested => "changes requested",
        DigestStatus.Approved => "approved",
        DigestStatus.Scheduled => "scheduled",
        DigestStatus.Sent => "sent",
        _ => status,
    };

    private static string StatusText(string status) =>
        DigestStatus.IsEditable(status) ? "You can still change everything."
        : Approval.DigestReapproval.AllowsChanges(status) ? "You can still change it, but then it needs approval again."
        : "It can no longer be changed here.";
}
