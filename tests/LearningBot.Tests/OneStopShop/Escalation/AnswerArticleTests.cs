using LearningBot.OneStopShop.Escalation;
using LearningBot.Privacy;

namespace LearningBot.Tests.OneStopShop.Escalation;

public sealed class AnswerArticleTests
{
    private static readonly TicketEntity Ticket = TicketEntity.Ask(
        "LD-7KQ2-M4XD",
        PersonalDataScrubber.Scrub("Is there funding for a Level 3 diploma in adult care for our bank staff?", new DateOnly(2026, 11, 20)),
        ScrubbedText.Empty,
        new Actor("alex", "Alex Morgan"),
        DateTimeOffset.UnixEpoch,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void Makes_the_question_the_title_the_first_paragraph_the_summary_and_content_words_the_tags()
    {
        var answer = "Yes, the support scheme funds it for staff on 16 hours or more.\n\nSend me their names and I'll book them.";

        var article = AnswerArticle.From(Ticket, answer, "Sam Patel", new DateOnly(2026, 11, 20));

        Assert.Equal(Ticket.Question, article.Title);
        Assert.Equal("Yes, the support scheme funds it for staff on 16 hours or more.", article.Summary);
        Assert.Equal(["funding", "level", "3", "diploma", "adult", "care"], article.Tags);
        Assert.Equal(answer, article.Body);
        Assert.Equal("Sam Patel", article.Owner);
        Assert.Equal(new DateOnly(2027, 11, 20), article.ReviewBy);
    }

    [Fact]
    public void Id_is_kebab_case_and_names_the_ticket_so_it_never_overwrites_a_curated_article()
    {
        var id = AnswerArticle.IdFor(Ticket);

        Assert.Equal("is-there-funding-for-a-level-3-diploma-ld7kq2m4xd", id);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id);
    }

    [Fact]
    public void Answering_again_updates_the_same_article()
    {
        var answered = Ticket with { ArticleId = "earlier-article-ld7kq2m4xd" };

        Assert.Equal("earlier-article-ld7kq2m4xd", AnswerArticle.From(answered, "New answer.", "Grace Lewis", new DateOnly(2026, 11, 20)).Id);
    }

    [Fact]
    public void Long_summaries_are_cut_at_a_word()
    {
        var summary = AnswerArticle.Summary(string.Join(' ', Enumerable.Repeat("apprenticeship", 40)));

        Assert.True(summary.Length <= 300);
        Assert.EndsWith("apprenticeship…", summary, StringComparison.Ordinal);
    }
}
