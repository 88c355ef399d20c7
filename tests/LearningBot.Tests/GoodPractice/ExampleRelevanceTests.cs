using LearningBot.GoodPractice.LeadNotices;

namespace LearningBot.Tests.GoodPractice;

/// <summary>The rules of the ranking, one at a time, on made-up examples and leads.</summary>
public sealed class ExampleRelevanceTests
{
    private static readonly PracticeTraits OnMedicines = new("gp-a", ["medicines"], "acute-trust", HasFigures: true, RoleWords.Of("A medicines summary at discharge"));

    private static readonly PracticeTraits MedicinesAmongOthers = new("gp-b", ["handover-between-organisations", "communication-and-information", "medicines"], "acute-trust", HasFigures: true, RoleWords.Of("Handing over care between the hospital and care homes"));

    private static readonly PracticeTraits OnDementia = new("gp-c", ["dementia"], "council", HasFigures: false, RoleWords.Of("Life story books for people with dementia"));

    private static LeadInterest Lead(string kind = "primary-care", bool learningLead = false, bool retired = false, params string[] lessWanted) =>
        new("lead", ["medicines"], kind, learningLead, retired, lessWanted, RoleWords.Of("Lead pharmacist"));

    [Fact]
    public void A_lead_hears_of_an_example_on_their_topic_and_not_of_one_on_another()
    {
        Assert.True(ExampleRelevance.Score(OnMedicines, Lead()) > 0);
        Assert.Equal(0, ExampleRelevance.Score(OnDementia, Lead()));
    }

    [Fact]
    public void An_example_mainly_about_the_leads_topic_ranks_above_one_that_touches_it()
    {
        Assert.True(ExampleRelevance.Score(OnMedicines, Lead()) > ExampleRelevance.Score(MedicinesAmongOthers, Lead()));
    }

    [Fact]
    public void The_same_kind_of_organisation_ranks_higher_but_never_above_a_better_topic_match()
    {
        var elsewhere = OnMedicines with { OrganisationKind = "council" };
        Assert.True(ExampleRelevance.Score(OnMedicines, Lead("acute-trust")) > ExampleRelevance.Score(elsewhere, Lead("acute-trust")));
        Assert.True(ExampleRelevance.Score(elsewhere, Lead("acute-trust")) > ExampleRelevance.Score(MedicinesAmongOthers, Lead("acute-trust")));
    }

    [Fact]
    public void An_organisations_learning_lead_hears_of_their_kinds_examples_below_any_topic_match()
    {
        var ownKind = ExampleRelevance.Score(OnDementia, Lead("council", learningLead: true));
        Assert.True(ownKind > 0);
        Assert.True(ownKind < ExampleRelevance.Score(MedicinesAmongOthers, Lead("council", learningLead: true)));
        Assert.Equal(0, ExampleRelevance.Score(OnDementia, Lead("council")));
    }

    [Fact]
    public void A_retired_lead_never_hears_and_not_for_me_topics_count_against()
    {
        Assert.Equal(0, ExampleRelevance.Score(OnMedicines, Lead(retired: true)));
        Assert.True(ExampleRelevance.Score(OnMedicines, Lead(lessWanted: "medicines")) <= 0);
        Assert.True(ExampleRelevance.Score(MedicinesAmongOthers, Lead(lessWanted: "handover-between-organisations"))
            < ExampleRelevance.Score(MedicinesAmongOthers, Lead()));
    }

    [Fact]
    public void Rank_leaves_out_what_the_lead_would_not_hear_of_and_puts_the_best_first()
    {
        var ranked = ExampleRelevance.Rank([OnDementia, MedicinesAmongOthers, OnMedicines], Lead());
        Assert.Equal(["gp-a", "gp-b"], ranked.Select(r => r.Example.Id));
    }

    [Fact]
    public void A_telling_word_of_the_leads_role_title_in_the_story_ranks_an_example_higher_and_a_word_every_role_has_does_not()
    {
        var discharge = OnMedicines with { Id = "gp-d", StoryWords = RoleWords.Of("Pharmacists check medicines before discharge") };
        Assert.True(ExampleRelevance.Score(discharge, Lead()) > ExampleRelevance.Score(OnMedicines, Lead()));

        var leadNurse = Lead() with { RoleTitleWords = RoleWords.Of("Lead nurse for medicines") };
        var summary = OnMedicines with { StoryWords = RoleWords.Of("A summary at discharge") };
        var nurses = OnMedicines with { StoryWords = RoleWords.Of("A summary at discharge from the lead nurse and the ward team") };
        Assert.Equal(ExampleRelevance.Score(summary, leadNurse), ExampleRelevance.Score(nurses, leadNurse));
    }

    [Fact]
    public void Role_words_are_stemmed_and_leave_out_stop_words_and_what_every_role_title_says()
    {
        Assert.Equal(new[] { "delirium", "dementia" }, RoleWords.Of("Lead nurse for dementia and delirium").Order());
    }
}
