using System.Reflection;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Privacy;

namespace LearningBot.Tests.Privacy;

/// <summary>
/// Free text reaches storage only as <see cref="ScrubbedText"/>, and only the scrubber makes one: no public or
/// internal constructor, no setters, no <c>with</c>; the question log and the ticket store's entities take it and
/// nothing else for their free text (their free-text setters are marked <c>LB0001</c>, an error in this build).
/// </summary>
public sealed class ScrubbedTextTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Fact]
    public void Only_the_scrubber_can_make_scrubbed_text()
    {
        var type = typeof(ScrubbedText);

        Assert.All(type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic), constructor => Assert.True(constructor.IsPrivate));
        Assert.All(type.GetProperties(), property => Assert.Null(property.SetMethod));
        Assert.Null(type.GetMethod("<Clone>$"));
        Assert.True(type.IsSealed);
        var makers = type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(m => m.ReturnType == type).Select(m => m.Name);
        Assert.Equal(["Of"], makers.Where(name => !name.StartsWith("get_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Cutting_scrubbed_text_keeps_it_scrubbed()
    {
        var scrubbed = PersonalDataScrubber.Scrub("Mrs Smith, NHS 943 476 5919, wants the falls course", Today);

        var cut = scrubbed.Truncate(20);

        Assert.Equal(scrubbed.Text[..20].TrimEnd(), cut.Text);
        Assert.Equal(scrubbed.Removed, cut.Removed);
        Assert.Same(scrubbed, scrubbed.Truncate(1000));
    }

    [Theory]
    [InlineData(typeof(TicketEntity), nameof(TicketEntity.Question))]
    [InlineData(typeof(TicketEntity), nameof(TicketEntity.Context))]
    [InlineData(typeof(TicketEntity), nameof(TicketEntity.Answer))]
    [InlineData(typeof(TicketEntity), nameof(TicketEntity.RemovedIdentifiers))]
    [InlineData(typeof(QuestionRecord), nameof(QuestionRecord.Question))]
    [InlineData(typeof(QuestionRecord), nameof(QuestionRecord.NormalisedQuestion))]
    [InlineData(typeof(QuestionRecord), nameof(QuestionRecord.Scrubbed))]
    public void Stored_free_text_cannot_be_set_directly(Type entity, string property)
    {
        // Public for table storage, which sets it when reading; any code that sets it fails the build (warnings are errors).
        var setter = entity.GetProperty(property)!.SetMethod;

        var obsolete = setter?.GetCustomAttribute<ObsoleteAttribute>();

        Assert.NotNull(obsolete);
        Assert.Equal("LB0001", obsolete.DiagnosticId);
        Assert.False(obsolete.IsError);
    }

    [Theory]
    [InlineData(typeof(QuestionLog), nameof(QuestionLog.RecordAsync), "question")]
    [InlineData(typeof(TicketWorkflow), nameof(TicketWorkflow.EscalateAsync), "question")]
    [InlineData(typeof(TicketWorkflow), nameof(TicketWorkflow.EscalateAsync), "context")]
    [InlineData(typeof(TicketWorkflow), nameof(TicketWorkflow.AnswerAsync), "answer")]
    [InlineData(typeof(TicketEntity), nameof(TicketEntity.Ask), "question")]
    [InlineData(typeof(TicketEntity), nameof(TicketEntity.Ask), "context")]
    [InlineData(typeof(TicketEntity), nameof(TicketEntity.WithAnswer), "answer")]
    [InlineData(typeof(QuestionRecord), nameof(QuestionRecord.WithQuestion), "question")]
    public void Store_and_entity_building_apis_take_scrubbed_text(Type owner, string method, string parameter)
    {
        var found = owner.GetMethod(method)!.GetParameters().Single(p => p.Name == parameter);

        Assert.Equal(typeof(ScrubbedText), found.ParameterType);
    }

    [Fact]
    public void A_new_ticket_holds_the_scrubbed_text_and_says_what_was_removed_now_and_before()
    {
        var question = PersonalDataScrubber.Scrub("Can I train a carer for patient [NHS number removed]?", Today);
        var context = PersonalDataScrubber.Scrub("Call me on 07700 900123", Today);

        var ticket = TicketEntity.Ask("LD-7KQ2-M4XD", question, context, new Actor("alex", "Alex Morgan"), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.Equal("Can I train a carer for patient [NHS number removed]?", ticket.Question);
        Assert.Equal("Call me on [phone number removed]", ticket.Context);
        Assert.Equal("an NHS number and a phone number", ticket.RemovedIdentifiers);
        Assert.Equal(TicketStatus.Unassigned, ticket.Status);
        Assert.Null(TicketEntity.Ask("LD-2", PersonalDataScrubber.Scrub("How do I book?", Today), ScrubbedText.Empty, new Actor("a", "A"), default, default).RemovedIdentifiers);
    }
}
