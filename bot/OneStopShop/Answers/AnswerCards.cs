using LearningBot.Cards;

namespace LearningBot.OneStopShop.Answers;

/// <summary>Data for <c>answer-ask</c>: the "What would you like to know?" form.</summary>
public sealed record AskCardData(string? Question = null) : ICardData
{
    public const string QuestionInputId = "question";
    public const int MaxQuestionLength = 500;

    public static string CardName => "answer-ask";
}

/// <summary>A button to another article.</summary>
public sealed record ArticleLink(string Id, string Title);

/// <summary>Where the answer card stands on feedback.</summary>
/// <param name="CanRate">Show 👍/👎 (no rating yet).</param>
/// <param name="Thanked">Show "Thanks for your feedback".</param>
/// <param name="OfferEscalation">Show "Ask the L&amp;D team" (after a 👎).</param>
public sealed record FeedbackState(bool CanRate, bool Thanked, bool OfferEscalation)
{
    public static FeedbackState NotRated { get; } = new(true, false, false);

    public static FeedbackState After(bool helpful) => new(false, true, !helpful);
}

/// <summary>Data for <c>answer-article</c>: an article that answers the question.</summary>
/// <param name="Question">The question as stored (personal details removed), carried by the "Ask the L&amp;D team" button.</param>
/// <param name="YouAsked">The same question for display when <paramref name="ShowQuestion"/> (<see cref="CardText.Literal"/>).</param>
/// <param name="ReviewBy">The owner's review date, written out ("30 June 2027").</param>
/// <param name="Body">The article's first page for "Read more" (empty in the short form).</param>
/// <param name="Pages">How many pages the article has; from page 2 on they are shown by <c>answer-page</c>.</param>
public sealed record AnswerCardData(
    string QuestionId,
    string Question,
    string YouAsked,
    bool ShowQuestion,
    string Title,
    string Summary,
    string Owner,
    string ReviewBy,
    bool ReviewOverdue,
    IReadOnlyList<ArticleBlock> Body,
    int Pages,
    IReadOnlyList<ArticleLink> Related,
    bool CanRate,
    bool Thanked,
    bool OfferEscalation,
    string? Notice = null) : ICardData
{
    public static string CardName => "answer-article";

    /// <summary>The article's id, carried by the page buttons.</summary>
    public string ArticleId { get; init; } = string.Empty;

    /// <summary>The short form: no article text on the card, a "Read more" button that opens it a page at a time.</summary>
    public bool ReadInPages { get; init; }

    /// <summary>"Colleagues elsewhere have tried this": up to two approved good-practice examples that match the question well.</summary>
    public IReadOnlyList<ColleagueExample> Colleagues { get; init; } = [];

    /// <summary>"In the newsletter": up to two items of sent newsletter editions that match the question well.</summary>
    public IReadOnlyList<NewsletterItem> Newsletter { get; init; } = [];

    /// <summary>"Upcoming sessions": learning-directory offers the article explains, with their next dates.</summary>
    public IReadOnlyList<UpcomingCourse> Upcoming { get; init; } = [];

    /// <summary>The answer this article was opened from (a related article or a suggestion), for "Back to the answer"; empty for none.</summary>
    public string BackToQuestionId { get; init; } = string.Empty;
}

/// <summary>Data for <c>answer-page</c>: one page of a long article, read with "Read more", with the way back.</summary>
/// <param name="QuestionId">The question the article answered, for "Back to the answer"; empty when there was none.</param>
public sealed record AnswerPageCardData(
    string ArticleId,
    string QuestionId,
    string Title,
    int Page,
    int Pages,
    IReadOnlyList<ArticleBlock> Body) : ICardData
{
    public static string CardName => "answer-page";

    public int PreviousPage => Page - 1;

    public int NextPage => Page + 1;
}

/// <summary>Data for <c>answer-editor</c>: the L&amp;D team's form for a new or edited article.</summary>
/// <param name="Tags">Comma-separated, as typed.</param>
/// <param name="Related">Comma-separated article ids.</param>
/// <param name="ReviewBy"><c>yyyy-MM-dd</c>.</param>
/// <param name="Removed">What the scrubber removed from the text the form holds ("a phone number"); empty when nothing was.</param>
public sealed record ArticleEditorCardData(
    string Heading,
    bool IsNew,
    string Id,
    string Title,
    string Summary,
    string Tags,
    string Related,
    string Owner,
    string ReviewBy,
    string Body,
    string Removed = "") : ICardData
{
    public const string SaveVerb = "ask.article.save";

    public static string CardName => "answer-editor";

    public const string SavedIntro =
        "Changes are searchable as soon as you save, and every version is kept. Write in plain British English and never include anything that could identify a patient, service user or member of staff.";

    public const string DraftIntro =
        "A draft made from an answer to one person: nobody else sees it until you save it. Give it a title people will recognise, make the text speak to everyone, "
        + "and check the summary, tags, owner and review date. Saving publishes it. Never include anything that could identify a patient, service user or member of staff.";

    /// <summary>The "asked as" phrasings, one per line.</summary>
    public string Asked { get; init; } = string.Empty;

    /// <summary>How far ahead an article's review date may be: the L&amp;D team checks every article at least this often.</summary>
    public const int ReviewMonthsAhead = 24;

    /// <summary>The days the review date may be: from today (an article saved now is checked now) to 2 years ahead.</summary>
    public static DateBounds ReviewDates(DateOnly today) => DateBounds.Ahead(today, ReviewMonthsAhead);

    public string EarliestReviewBy { get; init; } = string.Empty;

    public string LatestReviewBy { get; init; } = string.Empty;

    /// <summary>A draft made from an expert's answer: saving publishes it.</summary>
    public bool IsDraft { get; init; }

    public string Intro => IsDraft ? DraftIntro : SavedIntro;

    /// <summary>Opens the editor at another part of a long article: data <c>{ articleId, isDraft, part }</c>.</summary>
    public const string PartVerb = "ask.article.part";

    /// <summary>Which part of the text <see cref="Body"/> is (from 1), of <see cref="Parts"/> (1 when it is the whole text).</summary>
    public int Part { get; init; } = 1;

    public int Parts { get; init; } = 1;

    /// <summary>The fingerprint of the stored text the part was cut from (<see cref="ArticleBodyParts.Version"/>); empty for the whole text.</summary>
    public string BodyVersion { get; init; } = string.Empty;

    /// <summary>The most the text box takes (<see cref="ArticleBodyParts.PartLength"/>), so the card stays under Teams' 28 KB with whatever is typed.</summary>
    public int BodyLimit => ArticleBodyParts.PartLength;

    public int PreviousPart => Part - 1;

    public int NextPart => Part + 1;

    public string PartNote => Parts > 1
        ? $"This article is long, so its text is edited in {Parts} parts. This is part {Part}: Save keeps the other parts as they are. Save before you move to another part, or what you changed here is lost."
        : string.Empty;
}

/// <summary>The part of an article's text an editor card holds: its number, of how many, the stored text's fingerprint and the part's text.</summary>
public sealed record EditorPart(int Number, int Count, string Version, string Text)
{
    /// <summary>Part <paramref name="number"/> of <paramref name="body"/> (the nearest there is).</summary>
    public static EditorPart Of(string body, int number)
    {
        var parts = ArticleBodyParts.Of(body);
        var shown = Math.Clamp(number, 1, parts.Count);
        return new(shown, parts.Count, parts.Version, parts.Part(shown));
    }
}

/// <summary>Data for <c>not-sure</c>: an honest "I'm not sure", up to three suggestions and the way to a person.</summary>
/// <param name="Question">The question as stored, carried by the "Ask the L&amp;D team" button.</param>
/// <param name="YouAsked">The same question for display (<see cref="CardText.Literal"/>).</param>
public sealed record NotSureCardData(string Question, string YouAsked, IReadOnlyList<ArticleLink> Suggestions) : ICardData
{
    public static string CardName => "not-sure";

    /// <summary>"The newsletter mentioned this": items of sent newsletter editions that match the question closely.</summary>
    public IReadOnlyList<NewsletterItem> Newsletter { get; init; } = [];

    /// <summary>The logged question, so a suggestion opened from this card can come back to it; empty when it was not logged.</summary>
    public string QuestionId { get; init; } = string.Empty;

    /// <summary>The question has no learning word in it: the card says where else such a question is better asked.</summary>
    public bool NoLearningWord { get; init; }
}

/// <summary>A network a person leads, with how to join it.</summary>
public sealed record NetworkInfo(string Name, string Purpose, string HowToJoin);

/// <summary>Data for <c>person-contact</c>: someone from the learning directory who can answer.</summary>
/// <param name="Details">"Can help with", "Email" and "Phone" lines, where known.</param>
/// <param name="DirectoryNote">The directory's own note (for example that contacts are sample data), when it has one.</param>
/// <param name="YouAsked">The question for display (<see cref="CardText.Literal"/>); <paramref name="Question"/> is carried by buttons.</param>
public sealed record PersonCardData(
    string QuestionId,
    string Question,
    string YouAsked,
    bool ShowQuestion,
    string Name,
    string Role,
    string Organisation,
    string? Email,
    IReadOnlyList<ReportFact> Details,
    NetworkInfo? Network,
    string? DirectoryNote,
    bool CanRate,
    bool Thanked,
    bool OfferEscalation) : ICardData
{
    public static string CardName => "person-contact";
}

/// <summary>One line of figures on the gaps report.</summary>
public sealed record ReportFact(string Title, string Value);

/// <summary>An unanswered question on the gaps report.</summary>
/// <param name="AskedBy">How many people asked it, in words ("asked by fewer than 5 people").</param>
public sealed record ReportQuestion(string Question, string AskedBy, string LastAsked);

/// <summary>A poorly rated answer on the gaps report.</summary>
public sealed record ReportRating(string Title, string Summary);

/// <summary>Data for <c>gaps-report</c>, shown to the L&amp;D Support Team only.</summary>
public sealed record GapsReportCardData(
    string Period,
    IReadOnlyList<ReportFact> Figures,
    IReadOnlyList<ReportQuestion> Unanswered,
    IReadOnlyList<ReportRating> WorstRated) : ICardData
{
    public static string CardName => "gaps-report";

    /// <summary>Questions answered with a signpost instead of going to the team, by signpost topic.</summary>
    public IReadOnlyList<ReportFact> Signposted { get; init; } = [];

    /// <summary>The sentence saying older questions were removed after the retention period, or empty.</summary>
    public string Removed { get; init; } = string.Empty;
}
