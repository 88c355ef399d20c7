using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Privacy;

namespace LearningBot.FiveMinuteReview;

/// <summary>A step's answers applied to a draft, and the kinds of identifier removed from its free text (empty when none).</summary>
public sealed record StepAnswers(ReviewEntity Draft, IReadOnlyList<string> Removed);

/// <summary>
/// Each step's card, made from a draft, and the reverse: a step's submitted inputs written back into the draft.
/// Cards show the limits they check; the same limits are checked here on the server.
/// </summary>
public sealed class ReviewForms(CardCatalog cards, TimeProvider clock)
{
    private const string CarriedInputPrefix = "carried";

    public JsonObject Render(ReviewEntity draft, int step, string note = "", string afterSave = "", string? nextReview = null) =>
        cards.Render(ReviewSteps.CardName(step), FormData(draft, step, note, afterSave, nextReview));

    /// <summary>As <see cref="Render"/>, kept as the bound JSON: for a step that is only sent, never looked into.</summary>
    public JsonNode RenderJson(ReviewEntity draft, int step, string note = "", string afterSave = "", string? nextReview = null) =>
        cards.RenderJson(ReviewSteps.CardName(step), FormData(draft, step, note, afterSave, nextReview));

    public ReviewFormCardData FormData(ReviewEntity draft, int step, string note = "", string afterSave = "", string? nextReview = null)
    {
        var firstName = ReviewSummary.FirstName(draft.PersonName);
        var carried = draft.Carried;
        var objectives = ObjectiveSlots(draft);
        return new ReviewFormCardData
        {
            ReviewId = draft.ReviewId,
            PersonId = draft.PersonId,
            Etag = draft.ETag.ToString(),
            Revision = draft.Revision,
            PersonName = draft.PersonName,
            FirstName = firstName,
            Step = step,
            Note = note,
            WentWell = draft.WentWell,
            EvenBetter = draft.EvenBetter,
            PersonOwnView = draft.PersonOwnView,
            ViewRequestedOn = draft.ViewRequestedAt is { } asked && draft.PersonOwnView.Length == 0 ? ReviewDates.InWords(asked) : string.Empty,
            PersonView = draft.PersonView,
            CanAskForView = draft.PersonUsesTeams && draft.PersonOwnView.Length == 0 && draft.ViewRequestedAt is null,
            HasCarried = carried.Count > 0,
            Carried = [.. carried.Select((o, i) => new CarriedObjectiveData(CarriedInputPrefix + i, o.What, CarriedDetail(o), o.Outcome))],
            CarriedNote = draft.CarriedNote,
            EarliestDate = ReviewDates.ObjectiveDates(clock).Min,
            LatestDate = ReviewDates.ObjectiveDates(clock).Max,
            EarliestNextReview = ReviewDates.NextReviewDates(clock).Min,
            LatestNextReview = ReviewDates.NextReviewDates(clock).Max,
            Objectives = objectives,
            LearningTopics = draft.LearningTopics,
            LearningNeeds = draft.LearningNeeds,
            LearningNeedChoices = LearningNeedChoices,
            Approaches = draft.Approaches,
            Overall = draft.Overall,
            Wellbeing = draft.Wellbeing,
            Concern = draft.Concern,
            Sections = step == ReviewSteps.Summary ? ReviewSummary.Sections(draft) : [],
            NextReview = nextReview ?? (draft.NextReviewOn.Length > 0 ? draft.NextReviewOn : string.Empty),
            AfterSave = afterSave,
            TeamWorking = draft.TeamWorking,
            DifferenceMade = draft.DifferenceMade,
            HelpFromManager = draft.HelpFromManager,
            EarlierManagerName = draft.EarlierManagerName,
        };
    }

    /// <summary>Problems the card's own rules cannot express (an objective with a date but no words, and the reverse).</summary>
    public static IReadOnlyList<CardInputProblem> ExtraProblems(int step, JsonObject submitted)
    {
        if (step != ReviewSteps.Objectives)
        {
            return [];
        }

        var problems = new List<CardInputProblem>();
        for (var n = 1; n <= ReviewChoices.MaxObjectives; n++)
        {
            var what = Text(submitted, $"objective{n}What");
            var when = Text(submitted, $"objective{n}When");
            var measure = Text(submitted, $"objective{n}Measure");
            if (what.Length > 0 && when.Length == 0)
            {
                problems.Add(new($"objective{n}When", "missing date", "Please choose a date for this objective."));
            }
            else if (what.Length == 0 && (when.Length > 0 || measure.Length > 0))
            {
                problems.Add(new($"objective{n}What", "missing objective", "Please say what the objective is, or clear its other answers."));
            }
        }

        return problems;
    }

    /// <summary>
    /// Null when every step's saved answers keep its card's rules (required answers given, an objective with a date, only
    /// the choices offered...); otherwise the first step that breaks them, as its card with the problems marked and a
    /// note naming every step that needs another look. Confirm checks this whatever the summary card sent, so a draft
    /// that skipped steps is never saved.
    /// </summary>
    public JsonObject? IncompleteCard(ReviewEntity draft)
    {
        var incomplete = new List<(int Step, JsonObject Values, IReadOnlyList<CardInputProblem> Problems)>();
        for (var step = ReviewSteps.Feedback; step <= ReviewSteps.Count; step++)
        {
            var values = Values(draft, step);
            IReadOnlyList<CardInputProblem> problems =
                [.. CardSubmission.Validate(Render(draft, step), values).Concat(ExtraProblems(step, values)).DistinctBy(p => p.InputId)];
            if (problems.Count > 0)
            {
                incomplete.Add((step, values, problems));
            }
        }

        if (incomplete.Count == 0)
        {
            return null;
        }

        var steps = incomplete.Select(i => $"step {i.Step} ({ReviewSteps.Name(i.Step)})").ToList();
        var named = steps.Count == 1 ? steps[0] : $"{string.Join(", ", steps[..^1])} and {steps[^1]}";
        var (first, firstValues, firstProblems) = incomplete[0];
        var note = $"This review can't be saved yet: answers are missing or need another look on {named}. Here is step {first}, with them marked.";
        return CardSubmission.WithProblemsMarked(Render(draft, first, note), firstValues, firstProblems);
    }

    /// <summary>A step's inputs as the draft holds them, as its card would send them: the reverse of <see cref="Apply"/>.</summary>
    public static JsonObject Values(ReviewEntity draft, int step)
    {
        var values = new JsonObject();
        switch (step)
        {
            case ReviewSteps.Feedback:
                values["wentWell"] = draft.WentWell;
                values["evenBetter"] = draft.EvenBetter;
                values["teamWorking"] = draft.TeamWorking;
                values["differenceMade"] = draft.DifferenceMade;
                break;
            case ReviewSteps.TheirView:
                values["personView"] = draft.PersonView;
                values["carriedNote"] = draft.CarriedNote;
                values["helpFromManager"] = draft.HelpFromManager;
                foreach (var (objective, i) in draft.Carried.Select((o, i) => (o, i)))
                {
                    values[CarriedInputPrefix + i] = objective.Outcome;
                }

                break;
            case ReviewSteps.Objectives:
                foreach (var (objective, n) in draft.Objectives.Take(ReviewChoices.MaxObjectives).Select((o, i) => (o, i + 1)))
                {
                    values[$"objective{n}What"] = objective.What;
                    values[$"objective{n}When"] = objective.ByWhen;
                    values[$"objective{n}Measure"] = objective.Measure;
                }

                break;
            case ReviewSteps.Learning:
                values["learningNeeds"] = draft.LearningNeeds;
                values["learningTopics"] = draft.LearningTopics;
                values["approaches"] = draft.Approaches;
                values["overall"] = draft.Overall;
                values["wellbeing"] = draft.Wellbeing;
                values["concern"] = draft.Concern;
                break;
            default:
                values["nextReview"] = draft.NextReviewOn;
                break;
        }

        return values;
    }

    /// <summary>
    /// The draft with the step's inputs applied (inputs the step does not show are left alone), every free-text answer
    /// scrubbed of personal data first, and the kinds of identifier that were removed. Choices and date inputs are not
    /// free text: an objective's date is a date input the card checks, so a target date such as 31 March is never lost.
    /// </summary>
    public static StepAnswers Apply(ReviewEntity draft, int step, JsonObject submitted, DateOnly today)
    {
        var removed = new List<string>();
        ScrubbedText Free(string id)
        {
            var scrubbed = PersonalDataScrubber.Scrub(Text(submitted, id), today);
            removed.AddRange(scrubbed.Removed);
            return scrubbed;
        }

        var applied = step switch
        {
            ReviewSteps.Feedback => draft.WithFeedback(Free("wentWell"), Free("evenBetter")).WithTeamAndDifference(Free("teamWorking"), Free("differenceMade")),
            ReviewSteps.TheirView => draft.WithTheirView(Free("personView"), Free("carriedNote"),
                [.. draft.Carried.Select((_, i) => Text(submitted, CarriedInputPrefix + i))]).WithHelpFromManager(Free("helpFromManager")),
            ReviewSteps.Objectives => draft.WithObjectives(Enumerable.Range(1, ReviewChoices.MaxObjectives)
                .Select(n => (What: Free($"objective{n}What"), ByWhen: Text(submitted, $"objective{n}When"), Measure: Free($"objective{n}Measure")))
                .ToList()
                .Where(o => !o.What.IsEmpty)),
            ReviewSteps.Learning => draft.WithLearning(Free("learningTopics"), Free("concern")) with
            {
                LearningNeeds = List(Text(submitted, "learningNeeds")),
                Approaches = List(Text(submitted, "approaches")),
                Overall = Text(submitted, "overall"),
                Wellbeing = Text(submitted, "wellbeing"),
            },
            _ => draft with { NextReviewOn = Text(submitted, "nextReview") },
        };
        return new StepAnswers(applied, [.. removed.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The note on a step card that comes back because something was removed from what the manager wrote.</summary>
    public static string RemovedNote(IReadOnlyList<string> removed) =>
        $"I removed {PersonalDataScrubber.DescribeAll(removed)} from what you wrote: the text shows where. Check it and continue.";

    /// <summary>True when the draft already holds exactly what was submitted for the step (a repeated press).</summary>
    public static bool AlreadyHolds(ReviewEntity draft, int step, JsonObject submitted, DateOnly today) =>
        Apply(draft, step, submitted, today).Draft == draft;

    public static string Text(JsonObject submitted, string id) => submitted[id] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Trim(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => string.Empty,
    };

    private static readonly IReadOnlyList<ChoiceData> LearningNeedChoices = [.. ReviewChoices.LearningNeeds.Select(c => new ChoiceData(c.Title, c.Value))];

    /// <summary>A multi-select's value ("a, b,,c") as the entity keeps it ("a,b,c").</summary>
    private static string List(string value) =>
        string.Join(',', value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Three slots: the objectives so far, then last time's unfinished ones to carry on with, then blanks.</summary>
    private static IReadOnlyList<ObjectiveData> ObjectiveSlots(ReviewEntity draft)
    {
        var current = draft.Objectives.ToList();
        if (current.Count == 0)
        {
            current.AddRange(draft.Carried
                .Where(o => o.Outcome is "partly" or "not-yet")
                .Select(o => new Objective(o.What, string.Empty, o.Measure))
                .Take(ReviewChoices.MaxObjectives));
        }

        return [.. Enumerable.Range(1, ReviewChoices.MaxObjectives).Select(n =>
        {
            var objective = n <= current.Count ? current[n - 1] : new Objective(string.Empty, string.Empty, string.Empty);
            var required = n == 1;
            return new ObjectiveData(n, $"objective{n}What", $"objective{n}When", $"objective{n}Measure",
                required ? "What (required)" : "What (optional)", objective.What, objective.ByWhen, objective.Measure, required);
        })];
    }

    private static string CarriedDetail(CarriedObjective objective)
    {
        var by = objective.ByWhen.Length > 0 ? $"By {ReviewDates.InWords(objective.ByWhen)}." : string.Empty;
        var measure = objective.Measure.Length > 0 ? $" We'll know: {objective.Measure}" : string.Empty;
        return (by + measure).Trim();
    }
}
