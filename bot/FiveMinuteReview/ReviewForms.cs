using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Each step's card, made from a draft, and the reverse: a step's submitted inputs written back into the draft.
/// Cards show the limits they check; the same limits are checked here on the server.
/// </summary>
public sealed class ReviewForms(CardCatalog cards, TimeProvider clock)
{
    private const string CarriedInputPrefix = "carried";

    public JsonObject Render(ReviewEntity draft, int step, string note = "", string afterSave = "", string? nextReview = null) =>
        cards.Render(ReviewSteps.CardName(step), FormData(draft, step, note, afterSave, nextReview));

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
            EarliestDate = ReviewDates.Day(ReviewDates.Today(clock).AddDays(1)),
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

    /// <summary>The draft with the step's inputs applied (inputs the step does not show are left alone).</summary>
    public static ReviewEntity Apply(ReviewEntity draft, int step, JsonObject submitted) => step switch
    {
        ReviewSteps.Feedback => draft with { WentWell = Text(submitted, "wentWell"), EvenBetter = Text(submitted, "evenBetter") },
        ReviewSteps.TheirView => draft.WithCarried(draft.Carried.Select((o, i) => o with { Outcome = Text(submitted, CarriedInputPrefix + i) })) with
        {
            PersonView = Text(submitted, "personView"),
            CarriedNote = Text(submitted, "carriedNote"),
        },
        ReviewSteps.Objectives => draft.WithObjectives(Enumerable.Range(1, ReviewChoices.MaxObjectives)
            .Select(n => new Objective(Text(submitted, $"objective{n}What"), Text(submitted, $"objective{n}When"), Text(submitted, $"objective{n}Measure")))
            .Where(o => o.What.Length > 0)),
        ReviewSteps.Learning => draft with
        {
            LearningTopics = Text(submitted, "learningTopics"),
            LearningNeeds = List(Text(submitted, "learningNeeds")),
            Approaches = List(Text(submitted, "approaches")),
            Overall = Text(submitted, "overall"),
            Wellbeing = Text(submitted, "wellbeing"),
            Concern = Text(submitted, "concern"),
        },
        _ => draft with { NextReviewOn = Text(submitted, "nextReview") },
    };

    /// <summary>True when the draft already holds exactly what was submitted for the step (a repeated press).</summary>
    public static bool AlreadyHolds(ReviewEntity draft, int step, JsonObject submitted) =>
        Apply(draft, step, submitted) == draft;

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
                required ? "What" : "What (optional)", objective.What, objective.ByWhen, objective.Measure, required);
        })];
    }

    private static string CarriedDetail(CarriedObjective objective)
    {
        var by = objective.ByWhen.Length > 0 ? $"By {ReviewDates.InWords(objective.ByWhen)}." : string.Empty;
        var measure = objective.Measure.Length > 0 ? $" We'll know: {objective.Measure}" : string.Empty;
        return (by + measure).Trim();
    }
}
