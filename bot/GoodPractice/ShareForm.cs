using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.Privacy;

namespace LearningBot.GoodPractice;

/// <summary>One step's answers written onto an example, and the kinds of identifier removed from what was typed.</summary>
public sealed record StepAnswers(GoodPracticeExample Example, IReadOnlyList<string> Removed);

/// <summary>
/// What each step of the sharing card asks: its answers written onto the example (typed text scrubbed first) and the
/// checks made on them besides the card's own (<see cref="CardSubmission.Refusal"/>), so a crafted press is refused too.
/// </summary>
public static class ShareForm
{
    /// <summary>The example with the step's answers from <paramref name="action"/>; the check step has none.</summary>
    public static StepAnswers Apply(GoodPracticeExample example, int step, CardActionRequest action, DateOnly today)
    {
        ScrubbedText Typed(string input, int limit) =>
            PersonalDataScrubber.Scrub((action.GetString(input) ?? string.Empty).Trim(), today).Truncate(limit);

        switch (step)
        {
            case SharingSteps.Story:
            {
                var (title, problem, did) = (Typed(ShareInputs.Title, GoodPracticeChoices.ShortLimit), Typed(ShareInputs.Problem, GoodPracticeChoices.StoryLimit), Typed(ShareInputs.WhatWeDid, GoodPracticeChoices.StoryLimit));
                return new(example.WithStory(title, problem, did), [.. title.Removed, .. problem.Removed, .. did.Removed]);
            }

            case SharingSteps.Results:
            {
                var (changed, differently) = (Typed(ShareInputs.WhatChanged, GoodPracticeChoices.StoryLimit), Typed(ShareInputs.DoDifferently, GoodPracticeChoices.StoryLimit));
                return new(example.WithResults(changed, differently), [.. changed.Removed, .. differently.Removed]);
            }

            case SharingSteps.About:
                return ApplyAbout(example, action, Typed);

            default:
                return new(example, []);
        }
    }

    /// <summary>The answers of <paramref name="step"/> that the card's own rules cannot check.</summary>
    public static IEnumerable<CardInputProblem> Problems(int step, CardActionRequest action, bool onBehalf)
    {
        if (step != SharingSteps.About)
        {
            yield break;
        }

        var attribution = action.GetString(ShareInputs.Attribution) ?? string.Empty;
        var choices = new (string Input, IReadOnlyList<SignalChoice> List)[]
        {
            (ShareInputs.Contact, GoodPracticeChoices.Contacts),
            (ShareInputs.OrganisationKind, GoodPracticeChoices.OrganisationKinds),
            (ShareInputs.Attribution, GoodPracticeChoices.AttributionChoices),
        };
        foreach (var (input, list) in choices)
        {
            if (!list.Offers(action.GetString(input)))
            {
                yield return new CardInputProblem(input, "Not one of the options given.", "Please choose one of the options given.");
            }
        }

        if (onBehalf && !GoodPracticeChoices.ReceivedBy.Offers(action.GetString(ShareInputs.ReceivedBy)))
        {
            yield return new CardInputProblem(ShareInputs.ReceivedBy, "Not one of the options given.", "Please choose how it reached you.");
        }

        if (SignalThemes.Parse(action.GetString(ShareInputs.Topics)).Count == 0)
        {
            yield return new CardInputProblem(ShareInputs.Topics, "None chosen.", "Please choose at least one topic.");
        }

        if (attribution != Attributions.Anonymous && string.IsNullOrWhiteSpace(action.GetString(ShareInputs.OrganisationName)))
        {
            yield return new CardInputProblem(ShareInputs.OrganisationName, "Missing.", "Please give your organisation's name, or choose to stay anonymous.");
        }

        if (action.GetString(ShareInputs.Link) is { Length: > 0 } link
            && !(Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            yield return new CardInputProblem(ShareInputs.Link, "Not a web address.", "Please give a web address starting https://, or leave it empty.");
        }

        if (action.GetString(ShareInputs.Consent) != "true")
        {
            yield return new CardInputProblem(ShareInputs.Consent, "Not confirmed.", "Please check with your organisation first: we can only share it when they are happy for us to.");
        }
    }

    /// <summary>What the example still lacks before it can be submitted: the first step that needs an answer, or null.</summary>
    public static int? FirstIncompleteStep(GoodPracticeExample example)
    {
#pragma warning disable LB0001 // Reading the stored (scrubbed) answers to see what is missing.
        if (example.Title.Length == 0 || example.Problem.Length == 0 || example.WhatWeDid.Length == 0)
        {
            return SharingSteps.Story;
        }

        if (example.WhatChanged.Length == 0)
        {
            return SharingSteps.Results;
        }
#pragma warning restore LB0001

        return example.OrganisationKind.Length == 0 || example.Topics.Length == 0 || !example.OrganisationConsents || example.Attribution.Length == 0
            ? SharingSteps.About
            : null;
    }

    private static StepAnswers ApplyAbout(GoodPracticeExample example, CardActionRequest action, Func<string, int, ScrubbedText> typed)
    {
        var attribution = action.GetString(ShareInputs.Attribution) ?? string.Empty;

        // Anonymous examples have the L&D Support Team as their contact, whatever else was chosen.
        var contact = attribution == Attributions.Anonymous ? GoodPracticeChoices.ContactSupportTeam : action.GetString(ShareInputs.Contact) ?? string.Empty;
        var role = typed(ShareInputs.ContactRole, GoodPracticeChoices.ShortLimit);
        var organisation = typed(ShareInputs.OrganisationName, GoodPracticeChoices.ShortLimit);

        // A link is scrubbed like any typed text, so an address with a name or number in it comes back to be checked.
        var link = typed(ShareInputs.Link, GoodPracticeChoices.LinkLimit);
        var changed = example.WithDetails(
            contact, role, organisation, action.GetString(ShareInputs.OrganisationKind) ?? string.Empty,
            SignalThemes.Parse(action.GetString(ShareInputs.Topics)), link, action.GetString(ShareInputs.Consent) == "true", attribution);
        if (!example.EnteredOnBehalf)
        {
            return new(changed, [.. role.Removed, .. organisation.Removed, .. link.Removed]);
        }

        var givenBy = typed(ShareInputs.GivenBy, GoodPracticeChoices.ShortLimit);
        return new(changed.EnteredFor(action.GetString(ShareInputs.ReceivedBy) ?? string.Empty, givenBy), [.. role.Removed, .. organisation.Removed, .. link.Removed, .. givenBy.Removed]);
    }
}
