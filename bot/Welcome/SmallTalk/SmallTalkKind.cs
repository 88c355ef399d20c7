namespace LearningBot.Welcome.SmallTalk;

/// <summary>What a short message that is not a question is doing, and so how the bot answers it.</summary>
public enum SmallTalkKind
{
    /// <summary>"?", "what can u do", "menu pls": the help card.</summary>
    HelpSeeking,

    /// <summary>"hi", "good morning": a greeting with the help card.</summary>
    Greeting,

    /// <summary>"thanks!", "cheers", "ta": "You're welcome".</summary>
    Thanks,

    /// <summary>"ok", "👍", "np": nothing at all.</summary>
    Acknowledgement,

    /// <summary>"tell me a joke", "are you a robot": a friendly line saying what the bot is for.</summary>
    Chat,

    /// <summary>"bye", "see ya": a short goodbye.</summary>
    Goodbye,
}
