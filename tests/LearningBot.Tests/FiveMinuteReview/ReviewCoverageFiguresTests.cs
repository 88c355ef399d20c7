using LearningBot.FiveMinuteReview;
using LearningBot.Privacy;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>The coverage figures from rows, without storage: what the L&amp;D Support Team's card may show.</summary>
public sealed class ReviewCoverageFiguresTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Coverage_never_shows_an_organisation_with_fewer_than_5_people_on_its_own()
    {
        var people = Organisation("Oakfield Care Home", 10).Concat(Organisation("Tiny Lodge", 2)).Concat(Organisation("Small Steps", 3)).ToList();
        var reviews = people.Take(5).Append(people[10]).Append(people[11]).Select(Reviewed);

        var data = ReviewCoverage.Summarise(people, reviews, 12, Now);

        Assert.Equal(["Oakfield Care Home: 5 of 10 people (50%)", $"{ReviewCoverage.OtherOrganisations}: fewer than 5 of 5 people"], Lines(data.Organisations));
        Assert.DoesNotContain(Text(data), t => t.Contains("Tiny Lodge", StringComparison.Ordinal) || t.Contains("Small Steps", StringComparison.Ordinal));
        Assert.Equal("7 of 15 people (47%) have had a review.", data.Overall);
        Assert.Empty(data.OrganisationsNote);
    }

    [Fact]
    public void Coverage_never_shows_a_count_below_5_even_as_what_is_left_of_a_whole()
    {
        var people = Organisation("Oakfield Care Home", 20).ToList();
        var reviews = people.Take(18).Select(Reviewed).ToList();

        var data = ReviewCoverage.Summarise(people, reviews, 12, Now);

        Assert.Equal(["Oakfield Care Home: more than 15 of 20 people"], Lines(data.Organisations));
        Assert.Equal("more than 15 of 20 people have had a review.", data.Overall);
    }

    [Fact]
    public void Coverage_counts_small_organisations_with_a_bigger_one_when_together_they_would_still_be_under_5()
    {
        var people = Organisation("Oakfield Care Home", 20).Concat(Organisation("Riverside", 6)).Concat(Organisation("Tiny Lodge", 2)).ToList();

        var data = ReviewCoverage.Summarise(people, people.Take(10).Select(Reviewed), 12, Now);

        Assert.Equal(["Oakfield Care Home: 10 of 20 people (50%)", $"{ReviewCoverage.OtherOrganisationsJoined}: 0 of 8 people (0%)"], Lines(data.Organisations));
        Assert.Equal(ReviewCoverage.JoinedNote, data.OrganisationsNote);
    }

    [Fact]
    public void Coverage_shows_no_figures_while_fewer_than_5_people_are_counted()
    {
        var people = Organisation("Tiny Lodge", 2).ToList();

        var data = ReviewCoverage.Summarise(people, [Reviewed(people[0])], 12, Now);

        Assert.Empty(data.Organisations);
        Assert.StartsWith("Fewer than 5 people", data.Overall, StringComparison.Ordinal);
        Assert.DoesNotContain(Text(data), t => t.Contains("of 2", StringComparison.Ordinal) || t.Contains("1 of", StringComparison.Ordinal));
        Assert.Empty(data.MedianTime);
    }

    [Fact]
    public void Coverage_counts_learning_needs_only_from_the_fixed_list_and_never_shows_what_managers_typed()
    {
        var people = Organisation("Oakfield Care Home", 6).ToList();
        var reviews = people.Select(p => Reviewed(p).WithLearning(PersonalDataScrubber.Scrub("Margaret's panic attacks on night shifts", DateOnly.FromDateTime(Now.UtcDateTime)), ScrubbedText.Empty) with
        {
            LearningNeeds = "dementia,Margaret's panic attacks",
            Approaches = "coaching,Talk to Margaret's GP",
        }).ToList();
        reviews[0] = reviews[0] with { LearningNeeds = "dementia,medicines" };

        var data = ReviewCoverage.Summarise(people, reviews, 12, Now);

        Assert.Equal(["Dementia awareness: 6 people, fewer than 5 organisations", "Medicines: fewer than 5 people, fewer than 5 organisations"], Lines(data.Needs));
        Assert.Equal(["Coaching: 6 people"], Lines(data.Approaches));
        Assert.DoesNotContain(Text(data), t => t.Contains("Margaret", StringComparison.Ordinal));
    }

    [Fact]
    public void Small_learning_need_counts_are_listed_after_the_rest_in_the_lists_own_order()
    {
        var people = Organisation("Oakfield Care Home", 9).ToList();
        var reviews = people.Select((p, i) => Reviewed(p) with { LearningNeeds = i < 3 ? "safeguarding" : i < 4 ? "dementia" : "medicines" }).ToList();

        var data = ReviewCoverage.Summarise(people, reviews, 12, Now);

        Assert.Equal(["Medicines: 5 people", "Dementia awareness: fewer than 5 people", "Safeguarding: fewer than 5 people"],
            Lines(data.Needs).Select(l => l[..l.LastIndexOf(',')]));
    }

    [Fact]
    public void The_median_time_is_shown_only_from_5_reviews()
    {
        var people = Organisation("Oakfield Care Home", 6).ToList();

        var four = ReviewCoverage.Summarise(people, people.Take(4).Select(Reviewed), 12, Now);
        var five = ReviewCoverage.Summarise(people, people.Take(5).Select(Reviewed), 12, Now);

        Assert.Empty(four.MedianTime);
        Assert.Equal("Half of reviews took 5 minutes or less from start to save.", five.MedianTime);
    }

    private static IEnumerable<PersonIndexEntity> Organisation(string name, int people) =>
        Enumerable.Range(1, people).Select(n => new PersonIndexEntity { PersonId = $"{name}-{n}", PersonName = $"Person {n} of {name}", Organisation = name });

    private static ReviewEntity Reviewed(PersonIndexEntity person) => new()
    {
        PersonId = person.PersonId,
        PersonName = person.PersonName,
        Organisation = person.Organisation,
        ConfirmedAt = Now.AddDays(-1),
        DurationSeconds = 280,
    };

    private static string[] Lines(IEnumerable<CardLine> lines) => [.. lines.Select(l => l.Line)];

    private static IEnumerable<string> Text(ReviewCoverageCardData data) =>
        new[] { data.Overall, data.OrganisationsNote, data.MedianTime }.Concat(Lines(data.Organisations)).Concat(Lines(data.Needs)).Concat(Lines(data.Approaches));
}
