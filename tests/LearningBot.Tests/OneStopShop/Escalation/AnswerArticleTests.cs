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
    public void A_draft_keeps_the_question_as_a_phrasing_the_first_paragraph_as_summary_and_content_words_as_tags()
    {
        var answer = "Yes, the support scheme funds it for staff on 16 hours or more.\n\nSend the names to the L&D team to book them.";

        var article = AnswerArticle.Draft(Ticket, answer, "Sam Patel", new DateOnly(2026, 11, 20));

        Assert.Equal("Untitled draft from question LD-7KQ2-M4XD", article.Title);
        Assert.True(AnswerArticle.IsUntitled(article.Title));
        Assert.Equal([Ticket.Question], article.Asked);
        Assert.Equal("Yes, the support scheme funds it for staff on 16 hours or more.", article.Summary);
        Assert.Equal(["funding", "level", "3", "diploma", "adult", "care"], article.Tags);
        Assert.Equal(answer, article.Body);
        Assert.Equal("Sam Patel", article.Owner);
        Assert.Equal(new DateOnly(2027, 11, 20), article.ReviewBy);
    }

    [Theory]
    [InlineData("Hi Alex,\nBook it on the hub.\nThanks,\nSam", "Book it on the hub.")]
    [InlineData("Dear Alex\n\nBook it on the hub.\n\nKind regards\nSam Patel\nL&D team", "Book it on the hub.")]
    [InlineData("Good morning Alex!\nBook it on the hub.\nHope this helps", "Book it on the hub.")]
    [InlineData("Book it on the hub.", "Book it on the hub.")]
    [InlineData("Hi there", "Hi there")]
    public void A_drafts_body_drops_the_greeting_and_sign_off_addressed_to_the_asker(string answer, string body) =>
        Assert.Equal(body, AnswerArticle.ForEveryone(answer));

    [Fact]
    public void Id_is_kebab_case_and_names_the_ticket_so_it_never_overwrites_a_curated_article()
    {
        var id = AnswerArticle.IdFor(Ticket);

        Assert.Equal("is-there-funding-for-a-level-3-diploma-ld7kq2m4xd", id);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id);
    }

    [Fact]
    public void Answering_again_updates_the_same_draft()
    {
        var answered = Ticket with { ArticleId = "earlier-article-ld7kq2m4xd" };

        Assert.Equal("earlier-article-ld7kq2m4xd", AnswerArticle.Draft(answered, "New answer.", "Grace Lewis", new DateOnly(2026, 11, 20)).Id);
    }

    [Fact]
    public void Long_summaries_are_cut_at_a_word()
    {
        var summary = AnswerArticle.Summary(string.Join(' ', Enumerable.Repeat("apprenticeship", 40)));

        Assert.True(summary.Length <= 300);
        Assert.EndsWith("apprenticeship…", summary, StringComparison.Ordinal);
    }
}
