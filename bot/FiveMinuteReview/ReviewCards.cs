using LearningBot.Cards;

namespace LearningBot.FiveMinuteReview;

/// <summary>A value and its words, for choice sets filled from data.</summary>
public sealed record ChoiceData(string Title, string Value);

/// <summary>A titled block of text on a summary.</summary>
public sealed record SummarySection(string Title, string Text);

/// <summary>One line of text in a list.</summary>
public sealed record CardLine(string Line);

/// <summary>
/// Data for <c>review-team</c>: the people a manager looks after, with their review status, a page of
/// <see cref="ReviewTeamView.PageSize"/> at a time (<paramref name="PageLine"/> says which, empty for a team on one page).
/// </summary>
public sealed record ReviewTeamCardData(string Note, bool HasPeople, IReadOnlyList<TeamMemberData> People, IReadOnlyList<ChoiceData> OrganisationKinds) : ICardData
{
    public static string CardName => "review-team";

    public string PageLine { get; init; } = string.Empty;

    public bool HasPrevious { get; init; }

    public int PreviousPage { get; init; }

    public bool HasNext { get; init; }

    public int NextPage { get; init; }
}

/// <param name="Status">Says the status in words ("Overdue: …"); <paramref name="StatusColor"/> only emphasises it.</param>
public sealed record TeamMemberData(string PersonId, string Name, string Detail, string Status, string StatusColor, string History, string ButtonTitle);

/// <summary>Data for the step cards (<c>review-feedback</c>, <c>-view</c>, <c>-objectives</c>, <c>-learning</c>, <c>-summary</c>).</summary>
public sealed record ReviewFormCardData
{
    public required string ReviewId { get; init; }
    public required string PersonId { get; init; }
    public required string Etag { get; init; }
    public required int Revision { get; init; }
    public required string PersonName { get; init; }
    public required string FirstName { get; init; }
    public required int Step { get; init; }
    public int StepCount { get; init; } = ReviewSteps.Count;
    public string Note { get; init; } = string.Empty;

    public string WentWell { get; init; } = string.Empty;
    public string EvenBetter { get; init; } = string.Empty;

    public string PersonOwnView { get; init; } = string.Empty;
    public string ViewRequestedOn { get; init; } = string.Empty;
    public string PersonView { get; init; } = string.Empty;
    public bool CanAskForView { get; init; }
    public bool HasCarried { get; init; }
    public IReadOnlyList<CarriedObjectiveData> Carried { get; init; } = [];
    public string CarriedNote { get; init; } = string.Empty;

    /// <summary>The first and last day an objective's date may be (<see cref="ReviewDates.ObjectiveDates"/>).</summary>
    public string EarliestDate { get; init; } = string.Empty;
    public string LatestDate { get; init; } = string.Empty;

    /// <summary>The first and last day the next review may be (<see cref="ReviewDates.NextReviewDates"/>).</summary>
    public string EarliestNextReview { get; init; } = string.Empty;
    public string LatestNextReview { get; init; } = string.Empty;
    public IReadOnlyList<ObjectiveData> Objectives { get; init; } = [];

    public string LearningTopics { get; init; } = string.Empty;
    public string LearningNeeds { get; init; } = string.Empty;
    public IReadOnlyList<ChoiceData> LearningNeedChoices { get; init; } = [];
    public string Approaches { get; init; } = string.Empty;
    public string Overall { get; init; } = string.Empty;
    public string Wellbeing { get; init; } = string.Empty;
    public string Concern { get; init; } = string.Empty;

    public IReadOnlyList<SummarySection> Sections { get; init; } = [];
    public string NextReview { get; init; } = string.Empty;
    public string AfterSave { get; init; } = string.Empty;

    public string TeamWorking { get; init; } = string.Empty;
    public string DifferenceMade { get; init; } = string.Empty;
    public string HelpFromManager { get; init; } = string.Empty;
    /// <summary>Step 2: who held the previous review, when it was another manager (the earlier reviews can be opened).</summary>
    public string EarlierManagerName { get; init; } = string.Empty;

    /// <summary>Step 2's button that asks the person for their view before the conversation.</summary>
    public string AskFirstTitle => ButtonTitle.WithName(FirstName, n => $"Ask {n} first", "Ask for their view first");
}

/// <param name="Id">The input id of its "how did it go?" choice.</param>
public sealed record CarriedObjectiveData(string Id, string What, string Detail, string Outcome);

public sealed record ObjectiveData(int Number, string WhatId, string WhenId, string MeasureId, string WhatLabel, string What, string ByWhen, string Measure, bool Required)
{
    public string WhenLabel => Required ? "By when (required)" : "By when (if you add this one)";
}

/// <summary>Data for <c>review-saved</c>: the manager's copy of a saved review.</summary>
public sealed record ReviewSavedCardData(
    string Heading, string PersonName, string FirstName, string SavedLine, string DeliveryLine, string AcknowledgedLine, string PersonComment,
    IReadOnlyList<SummarySection> Sections, string NextReviewInWords, string PrintUrl) : ICardData
{
    public static string CardName => "review-saved";
}

/// <summary>Data for <c>review-person</c>: the reviewed person's copy, to acknowledge.</summary>
public sealed record ReviewPersonCardData(
    string ReviewId, string ManagerId, string ManagerName, string ManagerFirstName, string HeldOn,
    IReadOnlyList<SummarySection> Sections, string NextReviewInWords, bool Acknowledged, string AcknowledgedOn, string PersonComment,
    string Comment = "", string Removed = "", IReadOnlyList<ChoiceData>? Articles = null) : ICardData
{
    public static string CardName => "review-person";
}

/// <summary>Data for <c>review-ask</c>: asks the person for their view before the conversation.</summary>
/// <param name="OwnView">What the person wrote, scrubbed, when it comes back to them because something was removed.</param>
/// <param name="Removed">What was removed ("an NHS number"); empty when nothing was.</param>
public sealed record ReviewAskCardData(
    string ReviewId, string ManagerId, string ManagerName, string ManagerFirstName, bool Answered, string OwnView = "", string Removed = "") : ICardData
{
    public static string CardName => "review-ask";

    public string SendTitle => ButtonTitle.WithName(ManagerFirstName, n => $"Send to {n}", "Send to your manager");
}

/// <summary>Data for <c>review-private</c>: what a review route answers in a channel or group chat, with no names.</summary>
/// <param name="SentToChat">True when the team list was sent to the caller's 1:1 chat.</param>
/// <param name="ChatUrl">The deep link to the bot's 1:1 chat; empty when the bot's id is unknown.</param>
public sealed record ReviewPrivateCardData(bool SentToChat, string ChatUrl) : ICardData
{
    public static string CardName => "review-private";
}

/// <summary>Data for <c>review-coverage</c>: aggregate figures for the L&amp;D Support Team, small numbers hidden.</summary>
/// <param name="OrganisationsNote">Says when organisations were left out because they are too small to show, even together.</param>
public sealed record ReviewCoverageCardData(
    int Months, string AsOf, string Overall, IReadOnlyList<CardLine> Organisations, string OrganisationsNote, string MedianTime,
    IReadOnlyList<CardLine> Needs, IReadOnlyList<CardLine> Approaches, int Threshold) : ICardData
{
    public static string CardName => "review-coverage";
}
