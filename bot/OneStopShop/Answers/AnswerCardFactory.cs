using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Answers;

/// <summary>Builds the one-stop shop's cards from answers and from the question log.</summary>
public sealed partial class AnswerCardFactory(CardCatalog cards, AnswerEngine engine, TimeProvider clock, AnswerDeadline deadline, SampleNotes sampleNotes)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public JsonObject AskForm(string question = "") => cards.Render(new AskCardData(question));

    /// <summary>
    /// The card for a logged question: its article, its person, or "not sure", with the feedback state. An article
    /// comes with its short form (summary and a "Read more" that opens it in pages) for when the card is too large.
    /// </summary>
    /// <param name="rateable">False when the question could not be logged, so there is nothing to rate.</param>
    /// <param name="colleagues">Approved good-practice examples that match the question well, shown under an article.</param>
    /// <param name="upcoming">Learning-directory offers the article explains, shown under it as "Upcoming sessions".</param>
    /// <param name="backTo">The question whose answer card this article was opened from, for "Back to the answer".</param>
    public CardReply ForQuestion(
        QuestionRecord record, FeedbackState feedback, bool showQuestion, PersonMatch? match = null, bool rateable = true, IReadOnlyList<ColleagueExample>? colleagues = null,
        IReadOnlyList<NewsletterItem>? newsletter = null, IReadOnlyList<UpcomingCourse>? upcoming = null, string? backTo = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        feedback = rateable ? feedback : feedback with { CanRate = false };
        if (record.ArticleId is { } articleId && engine.Knowledge.Find(articleId) is { } article)
        {
            // Sent as bound (no node is read back unless someone looks inside); the shorter form only if it is needed.
            return CardReply.FromJson(
                cards.RenderJson(ArticleData(record, article, feedback, showQuestion, colleagues: colleagues, newsletter: newsletter, upcoming: upcoming, backTo: backTo)),
                () => Article(record, article, feedback, showQuestion, shortForm: true, backTo: backTo));
        }

        if (record.PersonId is { } personId && FindPerson(personId) is { } person)
        {
            var network = match?.Network
                ?? (record.NetworkId is { } networkId ? engine.Directory.WhosWho.Networks.FirstOrDefault(n => n.Id == networkId) : null)
                ?? NetworkLedBy(person, record.Question);
            return CardReply.FromJson(cards.RenderJson(PersonData(record, person, network, feedback, showQuestion)));
        }

        return CardReply.FromJson(cards.RenderJson(NotSureData(record.Question, NotSureSuggestions(record.Question), questionId: record.QuestionId)));
    }

    /// <summary>What the not-sure card suggested for the question, found again (nothing is kept between presses).</summary>
    private IReadOnlyList<ArticleHit> NotSureSuggestions(string question) =>
        question.Length == 0 ? [] : engine.Answer(question.Replace(Privacy.PersonalDataScrubber.Marker, " ", StringComparison.Ordinal)).Offered;

    /// <summary>
    /// The editor for a new article (<paramref name="article"/> null) or for an existing one, at part
    /// <paramref name="part"/> of its text when the text is long (<see cref="ArticleBodyParts"/>).
    /// </summary>
    public JsonObject Editor(KnowledgeArticle? article, int part = 1) => cards.Render(EditorData(article, Today(), part: part));

    /// <summary>
    /// The form back with the scrubbed article, before anything is saved, saying what was removed. <paramref name="shown"/>:
    /// the part of the stored text the form was editing, with the scrubbed text of that part; null when it held the whole text.
    /// </summary>
    public JsonObject Editor(KnowledgeArticle scrubbed, bool isNew, string removed, EditorPart? shown = null)
    {
        ArgumentNullException.ThrowIfNull(scrubbed);
        var data = EditorData(scrubbed, Today(), shown: shown) with { IsNew = isNew, Removed = removed };
        return cards.Render(isNew ? data with { Heading = "New article" } : data);
    }

    /// <summary>The editor for a draft made from an expert's answer; saving publishes it. <paramref name="removed"/> and <paramref name="shown"/> as for the scrubbed form.</summary>
    public JsonObject DraftEditor(KnowledgeArticle draft, string removed = "", int part = 1, EditorPart? shown = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return cards.Render(EditorData(draft, Today(), part: part, shown: shown) with { Heading = $"Draft: {draft.Title}", IsDraft = true, Removed = removed });
    }

    private DateOnly Today() => UkTime.Today(clock);

    public static ArticleEditorCardData EditorData(KnowledgeArticle? article, DateOnly today, int part = 1, EditorPart? shown = null)
    {
        var reviewDates = ArticleEditorCardData.ReviewDates(today);
        if (article is null)
        {
            return new("New article", true, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "L&D Support Team",
                today.AddMonths(12).ToString("yyyy-MM-dd", Invariant), string.Empty)
            {
                EarliestReviewBy = reviewDates.Min,
                LatestReviewBy = reviewDates.Max,
            };
        }

        shown ??= EditorPart.Of(article.Body, part);
        return new($"Edit: {article.Title}", false, article.Id, article.Title, article.Summary, string.Join(", ", article.Tags),
            string.Join(", ", article.Related), article.Owner, article.ReviewBy.ToString("yyyy-MM-dd", Invariant), shown.Text)
        {
            EarliestReviewBy = reviewDates.Min,
            LatestReviewBy = reviewDates.Max,
            Asked = string.Join('\n', article.Asked),
            Part = shown.Number,
            Parts = shown.Count,
            BodyVersion = shown.Count > 1 ? shown.Version : string.Empty,
        };
    }

    /// <summary>The article as people will see it, with a line saying what just happened (no rating: nobody asked).</summary>
    public CardReply Preview(KnowledgeArticle article, string notice)
    {
        ArgumentNullException.ThrowIfNull(article);
        var nobodyAsked = new FeedbackState(false, false, false);
        return new(
            Article(new QuestionRecord(), article, nobodyAsked, showQuestion: false, notice),
            Article(new QuestionRecord(), article, nobodyAsked, showQuestion: false, notice, shortForm: true));
    }

    /// <summary>One page of the article (clamped to the pages it has), laid out afresh from the article as it is now.</summary>
    /// <param name="questionId">The question it answered, for "Back to the answer"; empty when there was none.</param>
    public JsonObject Page(KnowledgeArticle article, int page, string questionId)
    {
        ArgumentNullException.ThrowIfNull(article);
        article = ArticlePlaceholders.Fill(article, deadline.DescribePromise());
        var pages = ArticlePages.Of(article.Body);
        page = Math.Clamp(page, 1, pages.Count);
        return cards.Render(new AnswerPageCardData(article.Id, questionId, article.Title, page, pages.Count, pages[page - 1]));
    }

    /// <param name="questionId">The logged question, so a suggestion opened from the card can come back to it.</param>
    /// <param name="noLearningWord">The question has no learning word: the card says where else to ask.</param>
    public JsonObject NotSure(
        string question, IReadOnlyList<ArticleHit> suggestions, IReadOnlyList<NewsletterItem>? newsletter = null, string questionId = "", bool noLearningWord = false) =>
        cards.Render(NotSureData(question, suggestions, newsletter, questionId) with { NoLearningWord = noLearningWord });

    private static NotSureCardData NotSureData(string question, IReadOnlyList<ArticleHit> suggestions, IReadOnlyList<NewsletterItem>? newsletter = null, string questionId = "") =>
        new(question, CardText.Echo(question), [.. suggestions.Take(3).Select(h => new ArticleLink(h.Article.Id, h.Article.Title))])
        {
            Newsletter = newsletter ?? [],
            QuestionId = questionId,
        };

    public JsonObject GapsReport(GapsSummary summary) => cards.Render(Answers.GapsReport.CardData(summary));

    private JsonObject Article(
        QuestionRecord record, KnowledgeArticle article, FeedbackState feedback, bool showQuestion, string? notice = null, IReadOnlyList<ColleagueExample>? colleagues = null,
        IReadOnlyList<NewsletterItem>? newsletter = null, bool shortForm = false, IReadOnlyList<UpcomingCourse>? upcoming = null, string? backTo = null) =>
        cards.Render(ArticleData(record, article, feedback, showQuestion, notice, colleagues, newsletter, shortForm, upcoming, backTo));

    private AnswerCardData ArticleData(
        QuestionRecord record, KnowledgeArticle article, FeedbackState feedback, bool showQuestion, string? notice = null, IReadOnlyList<ColleagueExample>? colleagues = null,
        IReadOnlyList<NewsletterItem>? newsletter = null, bool shortForm = false, IReadOnlyList<UpcomingCourse>? upcoming = null, string? backTo = null)
    {
        article = ArticlePlaceholders.Fill(article, deadline.DescribePromise());
        var pages = ArticlePages.Of(article.Body);
        var related = article.Related
            .Select(id => engine.Knowledge.Find(id))
            .OfType<KnowledgeArticle>()
            .Take(3)
            .Select(a => new ArticleLink(a.Id, a.Title))
            .ToList();
        return new AnswerCardData(
            record.QuestionId,
            record.Question,
            CardText.Echo(record.Question),
            showQuestion && record.Question.Length > 0,
            article.Title,
            article.Summary,
            article.Owner,
            article.ReviewBy.ToString("d MMMM yyyy", Invariant),
            article.IsDueForReview(UkTime.Today(clock)),
            shortForm ? [] : pages[0],
            pages.Count,
            related,
            feedback.CanRate,
            feedback.Thanked,
            feedback.OfferEscalation,
            notice)
        {
            ArticleId = article.Id,
            ReadInPages = shortForm && pages[0].Count > 0,
            Colleagues = shortForm ? [] : colleagues ?? [],
            Newsletter = shortForm ? [] : newsletter ?? [],
            Upcoming = shortForm ? [] : upcoming ?? [],
            BackToQuestionId = backTo ?? string.Empty,
        };
    }

    private PersonCardData PersonData(QuestionRecord record, Person person, LearningNetwork? network, FeedbackState feedback, bool showQuestion)
    {
        var helpsWith = string.Join(", ", new[] { person.Specialty }.Concat(person.Topics).OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));
        return new PersonCardData(
            record.QuestionId,
            record.Question,
            CardText.Echo(record.Question),
            showQuestion && record.Question.Length > 0,
            person.Name,
            person.Role,
            person.Organisation,
            person.Email,
            Details(helpsWith, person),
            network is null ? null : new NetworkInfo(network.Name, network.Purpose, network.HowToJoin),
            sampleNotes.Of(engine.Directory.WhosWho.Note),
            feedback.CanRate,
            feedback.Thanked,
            feedback.OfferEscalation);
    }

    /// <summary>The network the person leads, when it is relevant: they lead it as their job, or the question is about a network.</summary>
    private LearningNetwork? NetworkLedBy(Person person, string question) =>
        person.Kind == DirectoryKinds.NetworkLead || NetworkWords().IsMatch(question)
            ? engine.Directory.WhosWho.Networks.FirstOrDefault(n => n.Lead == person.Id || n.Lead == person.Name)
            : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(network|networks|join|group|community)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NetworkWords();

    private static List<ReportFact> Details(string helpsWith, Person person)
    {
        var details = new List<ReportFact>();
        if (helpsWith.Length > 0)
        {
            details.Add(new("Can help with", helpsWith));
        }

        if (person.Email is { Length: > 0 } email)
        {
            details.Add(new("Email", email));
        }

        if (person.Phone is { Length: > 0 } phone)
        {
            details.Add(new("Phone", phone));
        }

        return details;
    }

    private Person? FindPerson(string id) => engine.Directory.WhosWho.People.FirstOrDefault(p => p.Id == id);
}
