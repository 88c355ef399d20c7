using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Signposts;
using LearningBot.People;
using LearningBot.Privacy;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop;

/// <summary>
/// Asking the one-stop shop: any text nobody else claims is a question, answered with an article, a person from the
/// directory or an honest "not sure" with a way to the L&amp;D team; the person rates the answer. A question that is not
/// about learning (bullying, pay, rotas, IT, safeguarding, incidents) gets a signpost to the right people instead. Every question and
/// rating is logged (scrubbed of personal data) for the L&amp;D Support Team's gaps report.
/// </summary>
public sealed class AskFeature(
    AnswerEngine engine,
    SignpostMatcher signposts,
    CardCatalog catalog,
    QuestionLog log,
    KnowledgeArticleStore articles,
    AnswerCardFactory cardFactory,
    IPeopleDirectory people,
    IEnumerable<IColleaguesPractice> colleagues,
    IEnumerable<INewsletterItems> newsletters,
    IEnumerable<ICourseAnswers> courses,
    IEnumerable<ISmallTalk> smallTalk,
    IOptions<QuestionRetentionOptions> retention,
    TimeProvider clock,
    ILogger<AskFeature> logger) : IBotFeature
{
    /// <summary>Longer messages are cut here before scrubbing and searching; no real question needs more.</summary>
    private const string NoLongerThere = "Sorry, that article is no longer in the knowledge base. Type your question again and I'll look for another answer.";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnUnrecognisedMessage(OnMessageAsync)
            .OnCommand(turn => turn.SendCardAsync(cardFactory.AskForm()), "ask", "ask a question")
            .OnCardAction(AskVerbs.Start, (_, _) => Task.FromResult(CardActionResult.Replace(cardFactory.AskForm())))
            .OnCardAction(AskVerbs.Question, OnQuestionSubmittedAsync)
            .OnCardAction(AskVerbs.Article, OnArticleChosenAsync)
            .OnCardAction(AskVerbs.Rate, OnRatedAsync)
            .OnCardAction(AskVerbs.Page, OnPageAsync)
            .OnCardAction(AskVerbs.BackToAnswer, OnBackToAnswerAsync);
    }

    private async Task OnMessageAsync(ITurnContext turn)
    {
        var text = turn.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            await turn.SendTextAsync(
                "I'm not sure what you mean yet. Type a question in your own words, type **help** to see what I can do, or use the buttons on my menu card.");
            return;
        }

        foreach (var talk in smallTalk)
        {
            if (await talk.TryAnswerAsync(turn))
            {
                return;
            }
        }

        var answered = await AnswerAsync(turn, text, QuestionOrigins.Asked, showQuestion: false);
        await turn.SendCardAsync(answered);
    }

    private async Task<CardActionResult> OnQuestionSubmittedAsync(ITurnContext turn, CardActionRequest action)
    {
        var submitted = action.Submitted();
        var form = cardFactory.AskForm();
        if (CardSubmission.Refusal(form, submitted) is { } refusal)
        {
            return refusal;
        }

        var question = action.GetString(AskCardData.QuestionInputId)!.Trim();
        return CardActionResult.Update(await AnswerAsync(turn, question, QuestionOrigins.Asked, showQuestion: true));
    }

    private async Task<CardActionResult> OnArticleChosenAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("id") is not { } id || engine.Knowledge.Find(id) is not { } article)
        {
            return CardActionResult.Message(NoLongerThere);
        }

        // Logged as a suggestion so the report can see which article people picked for a question it was unsure of.
        var answer = new AnswerResult(AnswerKind.Article, 1, article, null, [], [], []);
        var asked = action.GetString("question") is { Length: > 0 } question ? question : article.Title;
        var (record, logged) = await LogAsync(turn, QuestionText.Scrubbed(asked, clock), answer, QuestionOrigins.Suggestion);

        // The article takes the card's place, so the card it came from stays one press away: "Back to the answer".
        var backTo = action.GetString("fromQuestionId") is { Length: > 0 and <= 64 } from ? from : null;
        return CardActionResult.Replace(cardFactory.ForQuestion(record, FeedbackState.NotRated, showQuestion: false, rateable: logged,
            colleagues: await ColleaguesAsync(record.Question, turn.Aborted), backTo: backTo));
    }

    private async Task<CardActionResult> OnRatedAsync(ITurnContext turn, CardActionRequest action)
    {
        var questionId = action.GetString("questionId");
        if (questionId is null || action.GetBool("helpful") is not { } helpful)
        {
            return CardActionResult.Message("Sorry, I couldn't read that rating. Please try again.");
        }

        var outcome = await log.RateAsync(questionId, helpful, turn.Caller.PersonKey, turn.Aborted);
        if (outcome is null)
        {
            return CardActionResult.Message(retention.Value.IsPastRetention(questionId, clock.GetUtcNow())
                ? $"Sorry, that answer is too old to rate. Questions are kept for {retention.Value.Months.ToString(System.Globalization.CultureInfo.InvariantCulture)} months and then removed, so there is nothing left to record your rating against."
                : "Sorry, I can no longer find that answer, so I couldn't record your rating.");
        }

        if (outcome.ByAnother)
        {
            return CardActionResult.Message("Thank you, but only the person who asked this question can rate the answer. If you have a question of your own, type it to me and I'll look for an answer.");
        }

        if (outcome.Recorded)
        {
            logger.LogInformation("Question {QuestionId} rated {Rating}", questionId, helpful ? "helpful" : "not helpful");
        }

        // The first rating counts; a second press shows the card as that rating left it.
        return CardActionResult.Update(cardFactory.ForQuestion(outcome.Record, FeedbackState.After(outcome.Record.Helpful!.Value), showQuestion: true,
            colleagues: outcome.Record.ArticleId is null ? [] : await ColleaguesAsync(outcome.Record.Question, turn.Aborted)));
    }

    /// <summary>A page of a long article; nothing is remembered between presses, the article is read again by id.</summary>
    private async Task<CardActionResult> OnPageAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("id") is not { } id || await articles.CurrentAsync(id, turn.Aborted) is not { } article)
        {
            return CardActionResult.Message(NoLongerThere);
        }

        return CardActionResult.Replace(cardFactory.Page(article, action.GetInt("page") ?? 1, action.GetString("questionId") ?? string.Empty));
    }

    /// <summary>
    /// From a page, or from an article opened from an answer or a not-sure card, back to that card as the question's
    /// record leaves it (rated or not).
    /// </summary>
    private async Task<CardActionResult> OnBackToAnswerAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("questionId") is not { Length: > 0 } questionId || await log.FindAsync(questionId, turn.Aborted) is not { } record)
        {
            return CardActionResult.Message("Sorry, I can no longer find that answer. Type your question again and I'll answer it.");
        }

        var feedback = record.Helpful is { } helpful ? FeedbackState.After(helpful) : FeedbackState.NotRated;
        return CardActionResult.Replace(cardFactory.ForQuestion(record, feedback, showQuestion: true));
    }

    private async Task<CardReply> AnswerAsync(ITurnContext turn, string question, string origin, bool showQuestion)
    {
        var scrubbed = QuestionText.Scrubbed(question, clock);
        var words = scrubbed.Text.Replace(PersonalDataScrubber.Marker, " ", StringComparison.Ordinal);
        var asker = await AskerContextAsync(turn);
        if (await CoursesAsync(turn, scrubbed, words, showQuestion, origin, asker?.OrganisationKind) is { } courseCard)
        {
            return new(courseCard);
        }

        var answer = engine.Answer(words, asker);
        if (signposts.Recognise(words, answer, engine) is { } signpost)
        {
            var (signposted, _) = await LogAsync(turn, scrubbed, answer, origin, signpost.Signpost.Id);
            logger.LogInformation("Question {QuestionId} signposted to {Signpost}", signposted.QuestionId, signpost.Signpost.Id);
            return new(catalog.Render(SignpostCardData.For(signposted, signpost.Signpost)));
        }

        var (record, logged) = await LogAsync(turn, scrubbed, answer, origin);
        if (answer.Kind == AnswerKind.NotSure)
        {
            var newsletter = await NewsletterAsync(words, besideAnswer: false, turn.Aborted);
            return new(cardFactory.NotSure(record.Question, answer.Offered, newsletter, logged ? record.QuestionId : string.Empty, noLearningWord: signposts.LacksLearningWord(words)));
        }

        var alsoTried = answer.Kind == AnswerKind.Article ? await ColleaguesAsync(words, turn.Aborted) : [];
        var inTheNewsletter = answer.Kind == AnswerKind.Article ? await NewsletterAsync(words, besideAnswer: true, turn.Aborted) : [];
        var upcoming = answer.Kind == AnswerKind.Article ? await UpcomingAsync(answer.Article!.Id, asker?.OrganisationKind, turn.Aborted) : [];
        return cardFactory.ForQuestion(record, FeedbackState.NotRated, showQuestion, answer.Person, rateable: logged, colleagues: alsoTried, newsletter: inTheNewsletter,
            upcoming: upcoming);
    }

    /// <summary>
    /// The learning directory's card when the question is looking for a course and the directory has a confident match,
    /// logged as a directory answer; null otherwise, and when the directory cannot be read (the article answer stands).
    /// </summary>
    private async Task<JsonObject?> CoursesAsync(
        ITurnContext turn, ScrubbedText scrubbed, string words, bool showQuestion, string origin, string? organisationKind)
    {
        foreach (var directory in courses)
        {
            CourseAnswer? found;
            try
            {
                found = await directory.AnswerAsync(words, scrubbed.Text, showQuestion, organisationKind, turn.Aborted);
            }
            catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
            {
                logger.LogWarning(exception, "Could not search the learning directory; answering from the knowledge base");
                return null;
            }

            if (found is not null)
            {
                try
                {
                    await log.RecordCoursesAsync(scrubbed, found.OfferIds, found.Confidence, turn.Caller.PersonKey, turn.Activity.Conversation?.ConversationType, origin, turn.Aborted);
                }
                catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
                {
                    logger.LogWarning(exception, "Could not log a question answered from the learning directory; answering anyway");
                }

                return found.Card;
            }
        }

        return null;
    }

    /// <summary>"Upcoming sessions" under an article; like the examples, a storage failure leaves them out.</summary>
    private async Task<IReadOnlyList<UpcomingCourse>> UpcomingAsync(string articleId, string? organisationKind, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var directory in courses)
            {
                if (await directory.UpcomingAsync(articleId, organisationKind, cancellationToken) is { Count: > 0 } found)
                {
                    return found;
                }
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not look for upcoming sessions; answering without them");
        }

        return [];
    }

    /// <summary>Good-practice examples for the answer card; they only add to an answer, so a storage failure leaves them out.</summary>
    private async Task<IReadOnlyList<ColleagueExample>> ColleaguesAsync(string question, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var source in colleagues)
            {
                if (await source.ForQuestionAsync(question.Replace(PersonalDataScrubber.Marker, " ", StringComparison.Ordinal), cancellationToken) is { Count: > 0 } found)
                {
                    return found;
                }
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not look for good-practice examples; answering without them");
        }

        return [];
    }

    /// <summary>Newsletter items for the answer or not-sure card; like the examples, a storage failure leaves them out.</summary>
    private async Task<IReadOnlyList<NewsletterItem>> NewsletterAsync(string words, bool besideAnswer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var source in newsletters)
            {
                if (await source.ForQuestionAsync(words, besideAnswer, cancellationToken) is { Count: > 0 } found)
                {
                    return found;
                }
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not look in the newsletter archive; answering without it");
        }

        return [];
    }

    /// <summary>Who is asking, so "my L&amp;D lead" finds the lead of the asker's own kind of organisation; null when unknown.</summary>
    private async Task<AnswerContext?> AskerContextAsync(ITurnContext turn)
    {
        // In a group chat or channel everyone sees the answer, so it must not depend on (and show) where the asker works.
        if (turn.Caller.PersonKey is not { } personKey || SharedConversation.Is(turn.Activity))
        {
            return null;
        }

        try
        {
            var person = await people.GetPersonAsync(personKey, turn.Aborted);
            return person?.OrganisationKind is { Length: > 0 } kind ? new AnswerContext(kind, person.Organisation) : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The context only sharpens "my L&D lead"; a directory outage (table or Graph) must not stop the answer.
            logger.LogWarning(exception, "Could not look up the asker in the people directory; answering without their organisation");
            return null;
        }
    }

    /// <summary>Logs the question; if storage is down the person still gets the answer, just without rating buttons.</summary>
    private async Task<(QuestionRecord Record, bool Logged)> LogAsync(ITurnContext turn, ScrubbedText question, AnswerResult answer, string origin, string? signpostId = null)
    {
        var asker = turn.Caller.PersonKey;
        try
        {
            var record = await log.RecordAsync(question, answer, asker, turn.Activity.Conversation?.ConversationType, origin, turn.Aborted, signpostId);
            if (record.Scrubbed)
            {
                logger.LogInformation("Personal details were removed from question {QuestionId}", record.QuestionId);
            }

            return (record, true);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not log a question; answering without the rating buttons");
            return (new QuestionRecord
            {
                Kind = signpostId is null ? answer.Kind.ToString() : QuestionRecord.SignpostedKind,
                SignpostId = signpostId,
                ArticleId = signpostId is null ? answer.Article?.Id : null,
                PersonId = signpostId is null ? answer.Person?.Person.Id : null,
                NetworkId = signpostId is null ? answer.Person?.Network?.Id : null,
            }.WithQuestion(question), false);
        }
    }

    /// <summary>Identifiers are noise to the search as well as a privacy risk: the engine and the log both get the scrubbed text.</summary>
}
