using System.Runtime.Serialization;
using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview;

/// <summary>An objective agreed at a review.</summary>
/// <param name="ByWhen">yyyy-MM-dd.</param>
public sealed record Objective(string What, string ByWhen, string Measure);

/// <summary>An objective from last time, with how it went.</summary>
/// <param name="Outcome">One of <see cref="ReviewChoices.Outcomes"/>, empty until answered.</param>
public sealed record CarriedObjective(string What, string ByWhen, string Measure, string Outcome);

/// <summary>
/// A review, as a draft (RowKey <c>draft|person</c>) or once confirmed (RowKey <c>review|id</c>), in the partition
/// of the manager who runs it: only that manager's queries ever reach it.
/// </summary>
public sealed record ReviewEntity : TableRow
{
    public string ReviewId { get; init; } = string.Empty;
    public string ManagerId { get; init; } = string.Empty;
    public string ManagerName { get; init; } = string.Empty;
    public string PersonId { get; init; } = string.Empty;
    public string PersonName { get; init; } = string.Empty;
    public string? PersonJobTitle { get; init; }
    public string? Organisation { get; init; }
    public string? OrganisationKind { get; init; }
    public bool PersonUsesTeams { get; init; }

    /// <summary>The step the manager is on (1 to <see cref="ReviewSteps.Count"/>, then the summary).</summary>
    public int Step { get; init; } = 1;

    /// <summary>Counts the manager's saves; the person sending their view does not change it.</summary>
    public int Revision { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public string WentWell { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string EvenBetter { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string PersonView { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>What the person wrote themselves, in answer to the card sent before the conversation.</summary>
    public string PersonOwnView { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public DateTimeOffset? ViewRequestedAt { get; init; }
    public string CarriedJson { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = "[]";
    public string CarriedNote { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public string ObjectivesJson { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = "[]";
    /// <summary>What the manager typed about learning; it never leaves the review (figures count <see cref="LearningNeeds"/> only).</summary>
    public string LearningTopics { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Learning needs from <see cref="ReviewChoices.LearningNeeds"/>, comma separated.</summary>
    public string LearningNeeds { get; init; } = string.Empty;

    /// <summary>Knowledge-base article ids, comma separated.</summary>
    public string Approaches { get; init; } = string.Empty;
    public string Overall { get; init; } = string.Empty;
    public string Wellbeing { get; init; } = string.Empty;
    public string Concern { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>yyyy-MM-dd.</summary>
    public string NextReviewOn { get; init; } = string.Empty;
    public DateTimeOffset? ConfirmedAt { get; init; }
    public double? DurationSeconds { get; init; }
    public DateTimeOffset? SentToPersonAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string PersonComment { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>True for a review held on paper and recorded afterwards: signed on paper, with <see cref="ConfirmedAt"/> the day it was held.</summary>
    public bool HeldOnPaper { get; init; }

    /// <summary>The key points a manager typed from a paper review (optional).</summary>
    public string KeyPoints { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Step 1's optional prompt: how the person works with the team.</summary>
    public string TeamWorking { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Step 1's optional prompt: the difference the person makes to patients and service users.</summary>
    public string DifferenceMade { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Step 2's optional upward feedback: what the manager could do to help.</summary>
    public string HelpFromManager { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The manager who held the person's previous review, when that was someone else; empty otherwise.</summary>
    public string EarlierManagerName { get; init; } = string.Empty;

    [IgnoreDataMember]
    public IReadOnlyList<CarriedObjective> Carried => Read<CarriedObjective>(CarriedJson);

    [IgnoreDataMember]
    public IReadOnlyList<Objective> Objectives => Read<Objective>(ObjectivesJson);

    [IgnoreDataMember]
    public IReadOnlyList<string> ApproachIds => Approaches.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [IgnoreDataMember]
    public IReadOnlyList<string> LearningNeedIds => LearningNeeds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [IgnoreDataMember]
    public bool IsConfirmed => ConfirmedAt is not null;

#pragma warning disable LB0001 // The ways free text gets in: from ScrubbedText, or from a stored review's objectives (scrubbed when they were saved).

    /// <summary>Step 1's answers.</summary>
    public ReviewEntity WithFeedback(ScrubbedText wentWell, ScrubbedText evenBetter) =>
        this with { WentWell = wentWell.Text, EvenBetter = evenBetter.Text };

    /// <summary>Step 2's answers: the manager's note of the person's view, the note on last time's objectives, and each one's outcome (a choice).</summary>
    public ReviewEntity WithTheirView(ScrubbedText personView, ScrubbedText carriedNote, IReadOnlyList<string> outcomes) =>
        this with
        {
            PersonView = personView.Text,
            CarriedNote = carriedNote.Text,
            CarriedJson = Write(Carried.Select((o, i) => o with { Outcome = i < outcomes.Count ? outcomes[i] : string.Empty })),
        };

    /// <summary>Step 3's objectives; <c>ByWhen</c> is a date input (yyyy-MM-dd), not free text.</summary>
    public ReviewEntity WithObjectives(IEnumerable<(ScrubbedText What, string ByWhen, ScrubbedText Measure)> objectives) =>
        this with { ObjectivesJson = Write(objectives.Select(o => new Objective(o.What.Text, o.ByWhen, o.Measure.Text))) };

    /// <summary>Step 4's typed answers (the choices are set directly).</summary>
    public ReviewEntity WithLearning(ScrubbedText topics, ScrubbedText concern) =>
        this with { LearningTopics = topics.Text, Concern = concern.Text };

    /// <summary>What the person wrote themselves before the conversation.</summary>
    public ReviewEntity WithPersonOwnView(ScrubbedText view) => this with { PersonOwnView = view.Text };

    /// <summary>The person's comment when they acknowledge their copy.</summary>
    public ReviewEntity WithPersonComment(ScrubbedText comment) => this with { PersonComment = comment.Text };

    /// <summary>Last review's objectives, to say how each went: their text was scrubbed when that review was saved.</summary>
    public ReviewEntity CarryOn(ReviewEntity? previous) =>
        this with { CarriedJson = Write(previous?.Objectives.Select(o => new CarriedObjective(o.What, o.ByWhen, o.Measure, string.Empty)) ?? []) };

    /// <summary>The key points of a review held on paper.</summary>
    public ReviewEntity WithKeyPoints(ScrubbedText keyPoints) => this with { KeyPoints = keyPoints.Text };

    /// <summary>Step 1's optional prompts: team working, and the difference made to patients and service users.</summary>
    public ReviewEntity WithTeamAndDifference(ScrubbedText teamWorking, ScrubbedText differenceMade) =>
        this with { TeamWorking = teamWorking.Text, DifferenceMade = differenceMade.Text };

    /// <summary>Step 2's optional upward feedback.</summary>
    public ReviewEntity WithHelpFromManager(ScrubbedText help) => this with { HelpFromManager = help.Text };
#pragma warning restore LB0001

    private static IReadOnlyList<T> Read<T>(string json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<T>>(json, BotJson.Options) ?? [];

    private static string Write<T>(IEnumerable<T> items) => JsonSerializer.Serialize(items.ToList(), BotJson.Options);
}

/// <summary>
/// One row per person a manager looks after (RowKey <c>person|id</c>): their latest review and when the next is
/// due, so "my team" and the reminders read one small row per person.
/// </summary>
public sealed record PersonIndexEntity : TableRow
{
    public string ManagerId { get; init; } = string.Empty;
    public string PersonId { get; init; } = string.Empty;
    public string PersonName { get; init; } = string.Empty;
    public string? Organisation { get; init; }
    public string? OrganisationKind { get; init; }
    public string? LastReviewId { get; init; }
    public DateTimeOffset? LastReviewedAt { get; init; }

    /// <summary>Midnight UTC of the day the next review is due; null until the first review.</summary>
    public DateTimeOffset? NextReviewDue { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>The due date (yyyy-MM-dd) the "due soon" reminder was sent for.</summary>
    public string? DueReminderFor { get; init; }

    /// <summary>The due date (yyyy-MM-dd) the "overdue" reminder was sent for.</summary>
    public string? OverdueReminderFor { get; init; }

    /// <summary>The person's row once <paramref name="review"/> is their latest, in <paramref name="partition"/> (its manager's).</summary>
    public static PersonIndexEntity AfterReview(ReviewEntity review, string partition, string rowKey) => new()
    {
        PartitionKey = partition,
        RowKey = rowKey,
        ManagerId = review.ManagerId,
        PersonId = review.PersonId,
        PersonName = review.PersonName,
        Organisation = review.Organisation,
        OrganisationKind = review.OrganisationKind,
        LastReviewId = review.ReviewId,
        LastReviewedAt = review.ConfirmedAt,
        NextReviewDue = ReviewDates.ParseDay(review.NextReviewOn),
    };
}

/// <summary>Finds the manager's partition from a review id alone (for printable links): partition <c>locator</c>.</summary>
public sealed record ReviewLocatorEntity : TableRow
{
    public string ManagerId { get; init; } = string.Empty;
}
