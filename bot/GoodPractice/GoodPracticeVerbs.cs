namespace LearningBot.GoodPractice;

/// <summary>The verbs of the good-practice cards.</summary>
public static class GoodPracticeVerbs
{
    /// <summary>The welcome card's "Share practice": the draft to carry on with, or a new form.</summary>
    public const string Share = "practice.share";

    /// <summary>Carry on with the draft (data <c>exampleId</c>).</summary>
    public const string Resume = "practice.resume";

    /// <summary>Start a new example, leaving the draft as it is.</summary>
    public const string New = "practice.new";

    /// <summary>Saves the step's answers and shows the next step (data <c>exampleId</c>, <c>version</c>, <c>step</c>).</summary>
    public const string Next = "practice.next";

    /// <summary>Saves the step's answers as they are and shows another step (data as Next, plus <c>target</c>).</summary>
    public const string GoTo = "practice.goto";

    /// <summary>Sends the checked example to the good-practice editors.</summary>
    public const string Submit = "practice.submit";

    /// <summary>The L&amp;D Support Team enters an example on someone's behalf.</summary>
    public const string Enter = "practice.enter";

    /// <summary>Moderation card: approve.</summary>
    public const string Approve = "practice.approve";

    /// <summary>Moderation card: shows one decision's form (data <c>form</c>: <see cref="EditorForms"/>), or the buttons again.</summary>
    public const string Moderate = "practice.moderate";

    /// <summary>Moderation card: send back to the contributor with a comment.</summary>
    public const string RequestChanges = "practice.request-changes";

    /// <summary>Moderation card: decline, with a reason.</summary>
    public const string Decline = "practice.decline";

    /// <summary>Review card: keep for another period.</summary>
    public const string Keep = "practice.keep";

    /// <summary>Review card: retire, with a reason.</summary>
    public const string Retire = "practice.retire";
}

/// <summary>The forms a moderation card can show instead of its buttons (the <c>form</c> of <see cref="GoodPracticeVerbs.Moderate"/>).</summary>
public static class EditorForms
{
    public const string None = "";
    public const string RequestChanges = "changes";
    public const string Decline = "decline";
    public const string Retire = "retire";
}

/// <summary>The ids of the sharing card's inputs.</summary>
public static class ShareInputs
{
    public const string Title = "title";
    public const string Problem = "problem";
    public const string WhatWeDid = "whatWeDid";
    public const string WhatChanged = "whatChanged";
    public const string DoDifferently = "doDifferently";
    public const string Contact = "contact";
    public const string ContactRole = "contactRole";
    public const string OrganisationName = "organisationName";
    public const string OrganisationKind = "organisationKind";
    public const string Topics = "topics";
    public const string Link = "link";
    public const string Consent = "consent";
    public const string Attribution = "attribution";
    public const string ReceivedBy = "receivedBy";
    public const string GivenBy = "givenBy";

    /// <summary>An editor's comment or reason (moderation card).</summary>
    public const string Note = "note";
}
