using LearningBot.Cards;
using LearningBot.FeedbackSignals;

namespace LearningBot.GoodPractice;

/// <summary>
/// Data for <c>good-practice-share</c>: one step of the sharing card with the draft's answers so far (input values,
/// kept as typed), or the check step with everything in words.
/// </summary>
/// <param name="Version">The draft's version the card was made from (0 before the first save): a press from an older card is not saved over a newer one.</param>
/// <param name="Removed">What the scrubber removed from this step's answers ("a name and a phone number"), or empty.</param>
public sealed record GoodPracticeShareCardData(string ExampleId, int Version, int Step, string Notice, string Removed) : ICardData
{
    public static string CardName => "good-practice-share";

    public string StepText => $"Step {Step} of {SharingSteps.Check}";

    public bool OnStory => Step == SharingSteps.Story;

    public bool OnResults => Step == SharingSteps.Results;

    public bool OnAbout => Step == SharingSteps.About;

    public bool OnCheck => Step == SharingSteps.Check;

    public bool OnBehalf { get; init; }

    /// <summary>The editor's comment when changes were asked for (through <see cref="CardText.Literal"/>), or empty.</summary>
    public string EditorComment { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;
    public string Problem { get; init; } = string.Empty;
    public string WhatWeDid { get; init; } = string.Empty;
    public string WhatChanged { get; init; } = string.Empty;
    public string DoDifferently { get; init; } = string.Empty;
    public string Contact { get; init; } = string.Empty;
    public string ContactRole { get; init; } = string.Empty;
    public string OrganisationName { get; init; } = string.Empty;
    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>Topic ids, comma-separated (the multi-select's value).</summary>
    public string Topics { get; init; } = string.Empty;
    public string Link { get; init; } = string.Empty;

    /// <summary><c>true</c> or <c>false</c> (the toggle's value).</summary>
    public string Consent { get; init; } = "false";
    public string Attribution { get; init; } = string.Empty;
    public string ReceivedBy { get; init; } = string.Empty;
    public string GivenBy { get; init; } = string.Empty;

    /// <summary>The check step: the answers in words, each through <see cref="CardText.Literal"/> where typed.</summary>
    public IReadOnlyList<ExampleFact> Facts { get; init; } = [];

    /// <summary>The check step: the story's parts in words.</summary>
    public IReadOnlyList<ExampleSection> Sections { get; init; } = [];

    public int StoryLimit { get; init; } = GoodPracticeChoices.StoryLimit;
    public int ShortLimit { get; init; } = GoodPracticeChoices.ShortLimit;
    public int LinkLimit { get; init; } = GoodPracticeChoices.LinkLimit;
    public IReadOnlyList<SignalChoice> Contacts { get; init; } = GoodPracticeChoices.Contacts;
    public IReadOnlyList<SignalChoice> OrganisationKinds { get; init; } = GoodPracticeChoices.OrganisationKinds;
    public IReadOnlyList<SignalChoice> TopicChoices { get; init; } = GoodPracticeChoices.Topics;
    public IReadOnlyList<SignalChoice> AttributionChoices { get; init; } = GoodPracticeChoices.AttributionChoices;
    public IReadOnlyList<SignalChoice> ReceivedByChoices { get; init; } = GoodPracticeChoices.ReceivedBy;
}

/// <summary>A fact line of a card: its title and value in words.</summary>
public sealed record ExampleFact(string Title, string Value);

/// <summary>A heading and the text under it.</summary>
public sealed record ExampleSection(string Heading, string Text);

/// <summary>
/// Data for <c>good-practice-notice</c>: a short message about an example for its contributor, with the buttons it
/// needs: carry on with a draft or start a new one, or edit the example the editors sent back.
/// </summary>
/// <param name="Comment">The editor's comment or reason through <see cref="CardText.Literal"/>, or empty.</param>
public sealed record GoodPracticeNoticeCardData(string Heading, string Text, string Comment, string ExampleId) : ICardData
{
    public static string CardName => "good-practice-notice";

    /// <summary>"Carry on with your draft" and "Start a new one".</summary>
    public bool OfferResume { get; init; }

    /// <summary>The same for an entry on someone's behalf: "Start a new one" starts a new entry on behalf.</summary>
    public bool OfferResumeOnBehalf { get; init; }

    /// <summary>"Edit your example", for one sent back with changes requested.</summary>
    public bool OfferEdit { get; init; }

    /// <summary>"Share another".</summary>
    public bool OfferNew { get; init; }
}

/// <summary>
/// Data for <c>good-practice-moderation</c>: the example as the good-practice editors see it in the L&amp;D channel, the
/// checklist, its status, and either the decision buttons, one decision's form, or (once decided) none; when its review
/// date has come, Keep and Retire.
/// </summary>
public sealed record GoodPracticeModerationCardData(string ExampleId, string Title, string StatusText, string Notice) : ICardData
{
    public static string CardName => "good-practice-moderation";

    public IReadOnlyList<ExampleFact> Facts { get; init; } = [];

    public IReadOnlyList<ExampleSection> Sections { get; init; } = [];

    /// <summary>The editor's comment or reason through <see cref="CardText.Literal"/>, or empty.</summary>
    public string EditorNote { get; init; } = string.Empty;

    public bool ShowActions { get; init; }

    public bool RequestingChanges { get; init; }

    public bool Declining { get; init; }

    /// <summary>The review date has come: Keep or Retire.</summary>
    public bool ReviewDue { get; init; }

    public bool Retiring { get; init; }

    public string ReviewMonths { get; init; } = string.Empty;

    /// <summary>The comment or reason box's value: what the editor typed, scrubbed, when it came back to be checked.</summary>
    public string NoteValue { get; init; } = string.Empty;

    public string NoteLabel { get; init; } = string.Empty;

    public int NoteLimit { get; init; } = GoodPracticeChoices.NoteLimit;
}
