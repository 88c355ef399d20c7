using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.People;
using LearningBot.Privacy;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview.Paper;

/// <summary>What a "record a review held on paper" card sent, read and checked; <see cref="Removed"/> lists what scrubbing took out.</summary>
public sealed record PaperAnswers(string PersonId, DateTimeOffset HeldOn, IReadOnlyList<(ScrubbedText What, string ByWhen, ScrubbedText Measure)> Objectives,
    ScrubbedText KeyPoints, IReadOnlyList<string> Removed);

/// <summary>
/// The card to record a review held on paper, and its answers made into a confirmed review marked as held on paper.
/// The card shows the limits it checks (a date held not in the future, the first objective required, "signed on paper"
/// ticked); the same limits are checked here on the server, as on the step cards.
/// </summary>
public sealed partial class PaperReviewForm(IPeopleDirectory people, CardCatalog cards, TimeProvider clock, IOptions<ReviewOptions> options)
{
    /// <summary>
    /// The card for the manager's people, with <paramref name="values"/> (as a card sent them) filled in; a new review
    /// id unless <paramref name="reviewId"/> carries the one an earlier showing of the card made.
    /// </summary>
    public async Task<JsonObject> RenderAsync(string managerId, JsonObject values, string? reviewId, string note, CancellationToken cancellationToken)
    {
        var team = await people.GetPeopleManagedByAsync(managerId, cancellationToken);
        var today = ReviewDates.Today(clock);
        var objectives = Enumerable.Range(1, ReviewChoices.MaxObjectives).Select(n => new ObjectiveData(
            n, $"objective{n}What", $"objective{n}When", $"objective{n}Measure", n == 1 ? "What (required)" : "What (optional)",
            ReviewForms.Text(values, $"objective{n}What"), ReviewForms.Text(values, $"objective{n}When"), ReviewForms.Text(values, $"objective{n}Measure"),
            Required: n == 1)).ToList();
        var heldOn = ReviewForms.Text(values, "heldOn");
        var heldOnDates = ReviewDates.HeldOnDates(clock);
        var objectiveDates = ReviewDates.ObjectiveDates(clock);
        return cards.Render(new ReviewPaperCardData(
            IsReviewId(reviewId) ? reviewId! : Guid.NewGuid().ToString("N"),
            note,
            options.Value.CadenceMonths,
            [.. team.Select(p => new ChoiceData(p.UsesTeams ? p.DisplayName : $"{p.DisplayName} (no Teams account)", p.Id))],
            ReviewForms.Text(values, "personId"),
            heldOn.Length > 0 ? heldOn : ReviewDates.Day(today),
            heldOnDates.Max,
            heldOnDates.Min,
            objectiveDates.Min,
            objectiveDates.Max,
            objectives,
            ReviewForms.Text(values, "keyPoints"),
            ReviewForms.Text(values, "signedOnPaper") == "true" ? "true" : "false"));
    }

    /// <summary>Problems the card's own rules cannot express: an objective with a date but no words, and the reverse.</summary>
    public static IReadOnlyList<CardInputProblem> ExtraProblems(JsonObject submitted) => ReviewForms.ExtraProblems(ReviewSteps.Objectives, submitted);

    /// <summary>The answers, every free-text one scrubbed; call only once the card's rules have passed.</summary>
    public PaperAnswers Read(JsonObject submitted)
    {
        var today = UkTime.Today(clock);
        var removed = new List<string>();
        ScrubbedText Free(string id)
        {
            var scrubbed = PersonalDataScrubber.Scrub(ReviewForms.Text(submitted, id), today);
            removed.AddRange(scrubbed.Removed);
            return scrubbed;
        }

        var objectives = Enumerable.Range(1, ReviewChoices.MaxObjectives)
            .Select(n => (What: Free($"objective{n}What"), ByWhen: ReviewForms.Text(submitted, $"objective{n}When"), Measure: Free($"objective{n}Measure")))
            .Where(o => !o.What.IsEmpty)
            .ToList();
        var keyPoints = Free("keyPoints");
        var heldOn = ReviewDates.ParseDay(ReviewForms.Text(submitted, "heldOn")) ?? throw new InvalidOperationException("The card checks the date held.");
        return new PaperAnswers(ReviewForms.Text(submitted, "personId"), heldOn, objectives, keyPoints, [.. removed.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The submitted values with every free-text answer as it was scrubbed, to show the manager before saving.</summary>
    public static JsonObject Scrubbed(JsonObject submitted, PaperAnswers answers)
    {
        var values = submitted.DeepClone().AsObject();
        for (var n = 1; n <= ReviewChoices.MaxObjectives; n++)
        {
            values.Remove($"objective{n}What");
            values.Remove($"objective{n}When");
            values.Remove($"objective{n}Measure");
        }

        foreach (var ((what, byWhen, measure), i) in answers.Objectives.Select((o, i) => (o, i + 1)))
        {
            values[$"objective{i}What"] = what.Text;
            values[$"objective{i}When"] = byWhen;
            values[$"objective{i}Measure"] = measure.Text;
        }

        values["keyPoints"] = answers.KeyPoints.Text;
        return values;
    }

    /// <summary>The confirmed review: held (and so dated) on the day on the paper, next due a cadence later, marked as held on paper.</summary>
    public ReviewEntity Review(string reviewId, string managerId, string? managerName, Person person, PaperAnswers answers)
    {
        var now = clock.GetUtcNow();
        return new ReviewEntity
        {
            ReviewId = reviewId,
            ManagerId = managerId,
            ManagerName = managerName ?? string.Empty,
            PersonId = person.Id,
            PersonName = person.DisplayName,
            PersonJobTitle = person.JobTitle,
            Organisation = person.Organisation,
            OrganisationKind = person.OrganisationKind,
            PersonUsesTeams = person.UsesTeams,
            Step = ReviewSteps.Summary,
            Revision = 1,
            StartedAt = answers.HeldOn,
            UpdatedAt = now,
            ConfirmedAt = answers.HeldOn,
            NextReviewOn = ReviewDates.Day(answers.HeldOn.AddMonths(options.Value.CadenceMonths)),
            HeldOnPaper = true,
        }.WithObjectives(answers.Objectives).WithKeyPoints(answers.KeyPoints);
    }

    public static bool IsReviewId(string? id) => id is not null && ReviewIdPattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex ReviewIdPattern();
}
