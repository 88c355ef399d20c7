using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;

namespace LearningBot.OneStopShop;

/// <summary>
/// The article editor, for the L&amp;D Support Team: <c>new article</c> and <c>edit article &lt;id&gt;</c> open the form;
/// saving checks it, keeps the previous version in the article store, and makes the article searchable at once.
/// <c>knowledge drafts</c> lists the drafts made from the L&amp;D team's answers and <c>edit draft &lt;id&gt;</c> opens
/// one in the same editor; saving a draft publishes it.
/// </summary>
public sealed partial class ArticleEditorFeature(AnswerEngine engine, KnowledgeArticleStore articles, AnswerCardFactory cards) : IBotFeature
{
    private const string NotSupportTeam =
        "Sorry, only the L&D Support Team can add or edit articles. If something is wrong or missing, ask a question and choose **Ask the L&D team**.";

    public void MapRoutes(BotRoutes routes) => routes
        .For(Roles.SupportTeam, NotSupportTeam)
        .OnCommand(turn => turn.SendCardAsync(cards.Editor(null)), "new article")
        .OnCommandWithArgument(SendEditorAsync, "edit article")
        .OnCommand(ListDraftsAsync, "knowledge drafts", "article drafts", "drafts")
        .OnCommandWithArgument(SendDraftEditorAsync, "edit draft")
        .OnCardAction(ArticleEditorCardData.SaveVerb, OnSavedAsync)
        .OnCardAction(ArticleEditorCardData.PartVerb, OnPartAsync);

    private async Task ListDraftsAsync(ITurnContext turn)
    {
        var drafts = await articles.DraftsAsync(turn.Aborted);
        if (drafts.Count == 0)
        {
            await turn.SendTextAsync("There are no drafts waiting. When the L&D team ticks \"add this answer to the knowledge base\", the answer waits here as a draft.");
            return;
        }

        var lines = drafts.Select(draft =>
            $"- **{draft.Article.Id}**: asked as \"{CardText.Literal(draft.Article.Asked.FirstOrDefault() ?? draft.Article.Title)}\", from {draft.CreatedBy}'s answer on {UkTime.Local(draft.CreatedAt).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        await turn.SendTextAsync(
            $"{(drafts.Count == 1 ? "1 draft is" : $"{drafts.Count} drafts are")} waiting to be edited and published. Nobody is answered from a draft. Type **edit draft** and its id to open one:\n\n"
            + string.Join('\n', lines));
    }

    private async Task SendDraftEditorAsync(ITurnContext turn, string argument)
    {
        var id = argument.Trim().ToLowerInvariant();
        if (!ArticleId().IsMatch(id) || await articles.FindDraftAsync(id, turn.Aborted) is not { } draft)
        {
            await turn.SendTextAsync("There is no draft with that id. Type **knowledge drafts** to see the drafts waiting.");
            return;
        }

        await turn.SendCardAsync(cards.DraftEditor(draft));
    }

    /// <summary>
    /// Another part of a long article's text (see <see cref="ArticleBodyParts"/>), in place of the one shown, for the editor
    /// who pressed: read again from the article or draft as it is now.
    /// </summary>
    private async Task<CardActionResult> OnPartAsync(ITurnContext turn, CardActionRequest action)
    {
        var id = action.GetString("articleId") ?? string.Empty;
        var part = action.GetInt("part") ?? 1;
        if (action.GetBool("isDraft") == true)
        {
            return ArticleId().IsMatch(id) && await articles.FindDraftAsync(id, turn.Aborted) is { } draft
                ? CardActionResult.Replace(cards.DraftEditor(draft, part: part))
                : CardActionResult.Message("Sorry, that draft is no longer waiting. Type **knowledge drafts** to see the drafts.");
        }

        return ArticleId().IsMatch(id) && await articles.CurrentAsync(id, turn.Aborted) is { } article
            ? CardActionResult.Replace(cards.Editor(article, part))
            : CardActionResult.Message("Sorry, that article is no longer in the knowledge base.");
    }

    /// <summary>Saving a draft publishes it: the same checks as any article, and a real title instead of the draft's.</summary>
    private async Task<CardActionResult> OnDraftSavedAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("articleId") is not { } id || !ArticleId().IsMatch(id) || await articles.FindDraftAsync(id, turn.Aborted) is not { } draft)
        {
            return CardActionResult.Message(engine.Knowledge.Find(action.GetString("articleId") ?? string.Empty) is null
                ? "Sorry, that draft is no longer waiting. Type **knowledge drafts** to see the drafts."
                : "That draft is already published. Type **edit article** and its id to change it.");
        }

        var submitted = action.Submitted();
        var form = cards.DraftEditor(draft, part: PartShown(action));
        if (CardSubmission.Refusal(form, submitted) is { } refusal)
        {
            return refusal;
        }

        if (BodyFor(submitted, draft, action) is not { } body)
        {
            return CardActionResult.Replace(WithProblem(form, submitted, "body", ChangedMeanwhile));
        }

        var fromForm = ArticleFromForm(submitted, draft, body);
        var scrubbed = articles.Scrub(fromForm);
        var article = scrubbed.Article;
        if (scrubbed.WasScrubbed)
        {
            return CardActionResult.Replace(cards.DraftEditor(article, PersonalDataScrubber.DescribeAll(scrubbed.Removed), shown: ScrubbedPart(fromForm, submitted, draft, action)));
        }

        if (OneStopShop.Escalation.AnswerArticle.IsUntitled(article.Title))
        {
            return CardActionResult.Replace(WithProblem(form, submitted, "title", "Give the article a title people will recognise before you publish it."));
        }

        try
        {
            var saved = await articles.PublishDraftAsync(scrubbed, turn.Caller.Name ?? turn.Caller.PersonKey ?? "unknown", turn.Aborted);
            return CardActionResult.Update(cards.Preview(article, $"Published as version {saved.Version}. It is searchable now."));
        }
        catch (ArgumentException problem)
        {
            return CardActionResult.Replace(WithProblem(form, submitted, InputOf(problem), problem.Message));
        }
    }

    private async Task SendEditorAsync(ITurnContext turn, string argument)
    {
        var id = argument.Trim().ToLowerInvariant();
        if (id.Length == 0)
        {
            await turn.SendTextAsync("Which article? Type **edit article** and the article's id, for example **edit article job-shadowing**, or **new article** to write one.");
            return;
        }

        if (!ArticleId().IsMatch(id) || await articles.CurrentAsync(id, turn.Aborted) is not { } article)
        {
            await turn.SendTextAsync($"There is no article with the id **{(ArticleId().IsMatch(id) ? id : "that you typed")}**. Type **new article** to write one.");
            return;
        }

        await turn.SendCardAsync(cards.Editor(article));
    }

    private async Task<CardActionResult> OnSavedAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetBool("isDraft") == true)
        {
            return await OnDraftSavedAsync(turn, action);
        }

        var isNew = action.GetBool("isNew") == true;
        var existing = isNew || action.GetString("articleId") is not { } articleId || !ArticleId().IsMatch(articleId)
            ? null
            : await articles.CurrentAsync(articleId, turn.Aborted);
        if (!isNew && existing is null)
        {
            return CardActionResult.Message("Sorry, that article is no longer in the knowledge base.");
        }

        var submitted = action.Submitted();
        var form = cards.Editor(existing, PartShown(action));
        if (CardSubmission.Refusal(form, submitted) is { } refusal)
        {
            return refusal;
        }

        if (BodyFor(submitted, existing, action) is not { } body)
        {
            return CardActionResult.Replace(WithProblem(form, submitted, "body", ChangedMeanwhile));
        }

        // Free text is scrubbed before it is stored; when something was removed the form comes back first, to check.
        var fromForm = ArticleFromForm(submitted, existing, body);
        var scrubbed = articles.Scrub(fromForm);
        var article = scrubbed.Article;
        if (scrubbed.WasScrubbed)
        {
            return CardActionResult.Replace(cards.Editor(article, isNew, PersonalDataScrubber.DescribeAll(scrubbed.Removed), ScrubbedPart(fromForm, submitted, existing, action)));
        }

        if (isNew && ArticleId().IsMatch(article.Id) && await articles.CurrentAsync(article.Id, turn.Aborted) is not null)
        {
            return CardActionResult.Replace(WithProblem(form, submitted, "id", $"There is already an article called {article.Id}; choose another id or type **edit article {article.Id}**."));
        }

        try
        {
            var saved = await articles.SaveAsync(scrubbed, turn.Caller.Name ?? turn.Caller.PersonKey ?? "unknown", turn.Aborted);
            return CardActionResult.Update(cards.Preview(article, $"Saved as version {saved.Version}. It is searchable now."));
        }
        catch (ArgumentException problem)
        {
            return CardActionResult.Replace(WithProblem(form, submitted, InputOf(problem), problem.Message));
        }
    }

    private const string ChangedMeanwhile =
        "Someone saved this article since you opened it, so this part was not saved. Copy what you changed, open the article again and make the change there.";

    /// <summary>The part of the text the pressed card held (1 when it held the whole text).</summary>
    private static int PartShown(CardActionRequest action) => action.GetInt("part") ?? 1;

    /// <summary>
    /// The article's whole text after the save: what the box held, or, when the card held one part of a long text, the
    /// stored text with that part replaced. Null when the stored text has changed since the card was made from it.
    /// </summary>
    private static string? BodyFor(JsonObject submitted, KnowledgeArticle? stored, CardActionRequest action)
    {
        var typed = TextOf(submitted, "body").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (stored is null || action.GetString("bodyVersion") is not { Length: > 0 } version)
        {
            return typed;
        }

        var parts = ArticleBodyParts.Of(stored.Body);
        var part = PartShown(action);
        return parts.Version == version && part >= 1 && part <= parts.Count ? parts.With(part, typed) : null;
    }

    /// <summary>For a form that held one part: that part, scrubbed as the whole article was, to show back before saving.</summary>
    private EditorPart? ScrubbedPart(KnowledgeArticle fromForm, JsonObject submitted, KnowledgeArticle? stored, CardActionRequest action)
    {
        if (stored is null || action.GetString("bodyVersion") is not { Length: > 0 } version)
        {
            return null;
        }

        var typed = articles.Scrub(fromForm with { Body = TextOf(submitted, "body") }).Article.Body;
        return new EditorPart(PartShown(action), ArticleBodyParts.Of(stored.Body).Count, version, typed);
    }

    private static string InputOf(ArgumentException problem) =>
        problem is ArticleTooLongException ? "body" : KnowledgeValidation.IsSharedPhrasing(problem) ? "asked" : "related";

    private static JsonObject WithProblem(JsonObject form, JsonObject submitted, string inputId, string message) =>
        CardSubmission.WithProblemsMarked(form, submitted, [new CardInputProblem(inputId, message, message)]);

    private static KnowledgeArticle ArticleFromForm(JsonObject submitted, KnowledgeArticle? existing, string body)
    {
        string Text(string id) => TextOf(submitted, id);
        static string[] List(string text) =>
            [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

        return new KnowledgeArticle(
            existing?.Id ?? Text("id").ToLowerInvariant(),
            Text("title"),
            Text("summary"),
            List(Text("tags")),
            existing?.Audience ?? ["worker"],
            existing?.Organisations ?? ["all"],
            Text("owner"),
            DateOnly.ParseExact(Text("reviewBy"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            List(Text("related")),
            body.Trim())
        {
            Asked = Lines(Text("asked")),
        };
    }

    private static string TextOf(JsonObject submitted, string id) => submitted[id]?.GetValue<string>()?.Trim() ?? string.Empty;

    /// <summary>One phrasing per line; blank lines and repeats dropped.</summary>
    private static string[] Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleId();
}
