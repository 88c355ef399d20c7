using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.FeedbackSignals;

namespace LearningBot.GoodPractice;

/// <summary>Renders the good-practice cards: the sharing card's steps, notices for the contributor, and the moderation card.</summary>
public sealed class GoodPracticeCards(CardCatalog cards)
{
    /// <summary>The step of the sharing card for <paramref name="example"/> (unsaved when its version is 0), holding its answers.</summary>
    public JsonObject Form(GoodPracticeExample example, int step, string notice = "", string removed = "")
    {
        step = SharingSteps.Clamp(step);
#pragma warning disable LB0001 // Showing the contributor their own answers: they were stored scrubbed.
        return cards.Render(new GoodPracticeShareCardData(example.Id, example.Version, step, notice, removed)
        {
            OnBehalf = example.EnteredOnBehalf,
            EditorComment = example.Status == ExampleStatus.ChangesRequested ? CardText.Literal(example.EditorNote) : string.Empty,
            Title = example.Title,
            Problem = example.Problem,
            WhatWeDid = example.WhatWeDid,
            WhatChanged = example.WhatChanged,
            DoDifferently = example.DoDifferently,
            Contact = example.Contact,
            ContactRole = example.ContactRole,
            OrganisationName = example.OrganisationName,
            OrganisationKind = example.OrganisationKind,
            Topics = example.Topics,
            Link = example.Link,
            Consent = example.OrganisationConsents ? "true" : "false",
            Attribution = example.Attribution,
            ReceivedBy = example.ReceivedBy,
            GivenBy = example.GivenBy,
            Facts = step == SharingSteps.Check ? Facts(example) : [],
            Sections = step == SharingSteps.Check ? Sections(example) : [],
        });
#pragma warning restore LB0001
    }

    /// <summary>The draft the contributor can carry on with, or a new one (a new entry on someone's behalf when <paramref name="onBehalf"/>).</summary>
    public JsonObject Resume(GoodPracticeExample draft, bool onBehalf = false) =>
        cards.Render(new GoodPracticeNoticeCardData(
            "You have an example you have not sent yet",
            draft.Status == ExampleStatus.ChangesRequested
                ? $"The good-practice editors asked for changes to \"{TitleOf(draft)}\". Carry on with it, or start a new one."
                : $"You started \"{TitleOf(draft)}\" on {UkTime.Local(draft.StartedAt):d MMMM yyyy}. Carry on with it, or start a new one.",
            Comment(draft), draft.Id)
        { OfferResume = !onBehalf, OfferResumeOnBehalf = onBehalf });

    public JsonObject Submitted(GoodPracticeExample example) =>
        cards.Render(new GoodPracticeNoticeCardData(
            "Thank you: your example is with the good-practice editors",
            $"\"{TitleOf(example)}\" will be checked by the L&D Support Team's good-practice editors. I will tell you here when they have looked at it, usually within two weeks.",
            string.Empty, example.Id)
        { OfferNew = true });

    /// <summary>What the contributor is told when an editor decides.</summary>
    public JsonObject Decided(GoodPracticeExample example) => example.Status switch
    {
        ExampleStatus.ChangesRequested => cards.Render(new GoodPracticeNoticeCardData(
            "The good-practice editors asked for changes",
            $"Thank you for sharing \"{TitleOf(example)}\". Before it goes to colleagues, the editors asked for the changes below. Your answers are kept: edit them and send it again.",
            Comment(example), example.Id)
        { OfferEdit = true }),
        ExampleStatus.Approved => cards.Render(new GoodPracticeNoticeCardData(
            "Your example has been approved",
            $"\"{TitleOf(example)}\" is now part of the good-practice exchange, and colleagues it matters to will hear about it. Thank you for sharing it.",
            string.Empty, example.Id)),
        _ => cards.Render(new GoodPracticeNoticeCardData(
            "Your example will not be shared this time",
            $"Thank you for sending \"{TitleOf(example)}\". The good-practice editors decided not to share it, for the reason below. The L&D Support Team is happy to talk it through.",
            Comment(example), example.Id)),
    };

    /// <summary>
    /// The moderation card as everyone in the L&amp;D channel sees it; with <paramref name="form"/> (<see cref="EditorForms"/>),
    /// that decision's form instead of the buttons (for the editor who opened it).
    /// </summary>
    public JsonObject Moderation(GoodPracticeExample example, string form = EditorForms.None, string notice = "", int reviewMonths = 24, string note = "")
    {
        var open = example.Status == ExampleStatus.Submitted;
        var reviewDue = example.Status == ExampleStatus.Approved && example.ReviewNoticeFor is not null && example.ReviewNoticeFor == example.ReviewDue;
#pragma warning disable LB0001 // Showing the editors the stored (scrubbed) title and note.
        return cards.Render(new GoodPracticeModerationCardData(example.Id, CardText.Literal(example.Title), StatusText(example), notice)
        {
            Facts = Facts(example),
            Sections = Sections(example),
            EditorNote = CardText.Literal(example.EditorNote),
            ShowActions = open && form == EditorForms.None,
            RequestingChanges = open && form == EditorForms.RequestChanges,
            Declining = open && form == EditorForms.Decline,
            ReviewDue = reviewDue && form == EditorForms.None,
            Retiring = reviewDue && form == EditorForms.Retire,
            ReviewMonths = reviewMonths.ToString(CultureInfo.InvariantCulture),
            NoteValue = note,
            NoteLabel = form switch
            {
                EditorForms.RequestChanges => "What should the contributor change? They will see this.",
                EditorForms.Retire => "Why is it being retired?",
                _ => "Why is it declined? The contributor will see this.",
            },
        });
#pragma warning restore LB0001
    }

    /// <summary>The status line: what was decided, never by whom (the card is for the whole channel; the row records who).</summary>
    public static string StatusText(GoodPracticeExample example) => example.Status switch
    {
        ExampleStatus.Submitted when example.Submissions > 1 => "Sent again with the changes asked for: awaiting an editor",
        ExampleStatus.Submitted => "Awaiting an editor",
        ExampleStatus.ChangesRequested => "Changes asked for: waiting for the contributor",
        ExampleStatus.Approved when example.ReviewNoticeFor is not null && example.ReviewNoticeFor == example.ReviewDue =>
            $"Approved. Its review date, {example.ReviewDue:d MMMM yyyy}, has come: keep it or retire it",
        ExampleStatus.Approved => $"Approved by an editor. Review date {example.ReviewDue:d MMMM yyyy}",
        ExampleStatus.Declined => "Declined by an editor",
        ExampleStatus.Retired => "Retired by an editor",
        _ => "Draft",
    };

    private static IReadOnlyList<ExampleFact> Facts(GoodPracticeExample example)
    {
#pragma warning disable LB0001 // Showing stored (scrubbed) answers.
        var attribution = GoodPracticeChoices.AttributionChoices.TitleOf(example.Attribution);
        List<ExampleFact> facts =
        [
            new("Organisation", example.OrganisationName.Length > 0 ? CardText.Literal(example.OrganisationName) : "Not given"),
            new("Kind of organisation", GoodPracticeChoices.OrganisationKinds.TitleOf(example.OrganisationKind)),
            new("Topics", string.Join(", ", example.TopicIds.Select(GoodPracticeChoices.Topics.TitleOf))),
            new("Contact", GoodPracticeChoices.Contacts.TitleOf(example.Contact) + (example.ContactRole.Length > 0 ? $" ({CardText.Literal(example.ContactRole)})" : string.Empty)),
            new("Shown as", example.Attribution == Attributions.NameAndOrganisation ? $"{attribution}: {CardText.Literal(example.ContributorName)}" : attribution),
            new("Organisation happy to share", example.OrganisationConsents ? "Yes" : "Not yet confirmed"),
        ];
        if (example.Link.Length > 0)
        {
            facts.Add(new("Link", CardText.Literal(example.Link)));
        }

        if (example.EnteredOnBehalf)
        {
            facts.Add(new("Entered by", $"The L&D Support Team, {GoodPracticeChoices.ReceivedBy.TitleOf(example.ReceivedBy).ToLowerInvariant()}"));
            if (example.GivenBy.Length > 0)
            {
                facts.Add(new("Given by", CardText.Literal(example.GivenBy)));
            }
        }

        return facts;
#pragma warning restore LB0001
    }

    private static IReadOnlyList<ExampleSection> Sections(GoodPracticeExample example)
    {
#pragma warning disable LB0001 // Showing stored (scrubbed) answers.
        return [.. new ExampleSection[]
        {
            new("The problem", CardText.Literal(example.Problem)),
            new("What we did and who was involved", CardText.Literal(example.WhatWeDid)),
            new("What changed", CardText.Literal(example.WhatChanged)),
            new("What we would do differently", CardText.Literal(example.DoDifferently)),
        }.Where(section => section.Text.Length > 0)];
#pragma warning restore LB0001
    }

    private static string TitleOf(GoodPracticeExample example)
    {
#pragma warning disable LB0001 // The stored (scrubbed) title, shown to its contributor or the editors.
        return example.Title.Length > 0 ? CardText.Literal(example.Title) : "your example";
#pragma warning restore LB0001
    }

#pragma warning disable LB0001 // The editor's stored (scrubbed) comment, shown to the contributor.
    private static string Comment(GoodPracticeExample example) => CardText.Literal(example.EditorNote);
#pragma warning restore LB0001
}
