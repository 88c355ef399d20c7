using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Digest;
using LearningBot.FeedbackSignals;
using LearningBot.FiveMinuteReview;
using LearningBot.GoodPractice;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.Welcome;

/// <summary>Data for the <c>welcome</c> card, which also answers <c>help</c>.</summary>
/// <param name="FirstName">Used for a personal greeting; leave null when unknown.</param>
/// <param name="Capabilities">One entry, with its button, per thing the bot can do.</param>
/// <param name="InSharedConversation">In a group chat or channel, where the bot only hears messages that @mention it.</param>
public sealed record WelcomeCardData(string? FirstName, IReadOnlyList<CapabilityEntry> Capabilities, bool InSharedConversation = false) : ICardData
{
    public static string CardName => "welcome";

    /// <summary>What LearningBot offers, in menu order.</summary>
    public static IReadOnlyList<CapabilityEntry> StandardCapabilities { get; } =
    [
        new("Ask a learning question",
            "Ask about courses, funding, e-learning or other ways to learn, and get an answer or a pointer to the right person.",
            "Ask a question",
            AskVerbs.Start),
        new("Five Minute Review",
            "A short, friendly check-in on how things are going, what to aim for next and what would help you learn. Type \"my reviews\" to see your own reviews.",
            "Start a review",
            ReviewVerbs.Start),
        new("Record a feedback signal",
            "Pass on what patients, service users or carers are telling us about skills and knowledge, without any personal details.",
            "Record a signal",
            SignalVerbs.Start),
        new("Share good practice",
            "Tell colleagues in other organisations about something that works well in your team. Type \"my saved practice\" to see examples you saved from your alerts; the board and the L&D Support Team can type \"good practice spread\" to see how practice spreads.",
            "Share practice",
            GoodPracticeVerbs.Share),
        new("Latest digest",
            "Catch up on new learning, events and good practice from across the community.",
            "Read the digest",
            DigestVerbs.Latest),
    ];

    /// <summary>The standard menu, greeting the person by first name when it is known.</summary>
    public static WelcomeCardData For(string? firstName) =>
        new(string.IsNullOrWhiteSpace(firstName) ? null : firstName.Trim(), StandardCapabilities);

    /// <summary>The menu for whoever sent the turn, saying how to reach the bot when the conversation is shared.</summary>
    public static WelcomeCardData For(ITurnContext turn) =>
        For(FirstNameOf(turn.Activity.From?.Name)) with { InSharedConversation = SharedConversation.Is(turn.Activity) };

    private static string? FirstNameOf(string? displayName)
    {
        var first = displayName?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? null : first;
    }
}

/// <summary>One capability on the welcome card.</summary>
/// <param name="Title">Short heading, for example "Five Minute Review".</param>
/// <param name="Description">One plain sentence on what it does.</param>
/// <param name="ButtonTitle">The button's label.</param>
/// <param name="Verb">The verb the button sends: its capability's start verb.</param>
public sealed record CapabilityEntry(string Title, string Description, string ButtonTitle, string Verb);
