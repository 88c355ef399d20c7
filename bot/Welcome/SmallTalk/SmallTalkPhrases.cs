namespace LearningBot.Welcome.SmallTalk;

/// <summary>
/// The phrases small talk is made of, as <see cref="SmallTalkRecogniser"/> normalises them (lower case, no punctuation
/// or apostrophes, letters run three or more times said once). A message is small talk only when it is made of these
/// phrases and nothing else, so "hi, how do I find a mentor" stays a question. Typos people make are listed as phrases.
/// </summary>
public static class SmallTalkPhrases
{
    /// <summary>Words that add nothing on their own ("hi there", "thanks so much", "ok mate").</summary>
    public static IReadOnlyList<string> Filler { get; } =
    [
        "there", "again", "all", "everyone", "everybody", "folks", "team", "mate", "bot", "learningbot", "learning bot",
        "so", "very", "much", "a lot", "lots", "loads", "really", "x", "xx", "xxx", "then", "for now", "now",
        "for that", "for this", "for the help", "for your help", "for helping", "and", "oh", "ah", "um", "umm", "er", "erm",
        "well", "just", "please", "pls", "plz", "plez", "me",
    ];

    public static IReadOnlyList<string> HelpSeeking { get; } =
    [
        "help", "halp", "hlep", "hepl", "helpp", "help me", "can you help", "can u help", "can you help me", "can u help me",
        "menu", "the menu", "show menu", "show me the menu", "show the menu", "main menu", "menue", "manu", "options",
        "commands", "what can you do", "what can u do", "wat can u do", "what can ya do", "what do you do", "what do u do",
        "what can i do", "what can i ask", "what can i ask you", "what are you", "who are you", "what is this",
        "whats this", "how does this work", "how do i use this", "how do i use you", "how does it work", "what now",
        "where do i start", "how do i start", "start", "get started", "anyone there", "anybody there", "are you there",
        "r u there", "you there", "u there", "hello anyone", "huh", "confused", "im confused", "im lost", "lost",
        "i need help", "need help", "i dont know what to do", "idk what to do", "what", "wot", "wut", "🤔", "❓", "❔",
    ];

    public static IReadOnlyList<string> Greeting { get; } =
    [
        "hi", "hii", "hiya", "hya", "hey", "heya", "hey hey", "hello", "helo", "hellow", "hallo", "hullo", "howdy", "yo",
        "hi hi", "morning", "good morning", "gm", "mornin", "afternoon", "good afternoon", "evening", "good evening",
        "greetings", "how are you", "how r u", "how are u", "hows it going", "how is it going", "you ok", "u ok",
        "alright", "hiya there", "sup", "whats up", "wassup", "👋", "🙋",
    ];

    public static IReadOnlyList<string> Thanks { get; } =
    [
        "thanks", "thank", "thank you", "thank u", "thanku", "thankyou", "thx", "thnx", "thanx", "thnks", "thnaks",
        "thakns", "tahnks", "thanks you", "thank yuo", "ty", "tysm", "tyvm", "cheers", "cheers mate", "ta", "ta very much",
        "many thanks", "much appreciated", "appreciated", "appreciate it", "i appreciate it", "that helps", "that helped",
        "that was helpful", "thats helpful", "very helpful", "helpful", "nice one", "you are a star", "youre a star",
        "star", "legend", "🙏", "💐",
    ];

    public static IReadOnlyList<string> Acknowledgement { get; } =
    [
        "ok", "okay", "okey", "oki", "okie", "okies", "okey dokey", "k", "kk", "o k", "cool", "fine", "right", "sure",
        "got it", "gotcha", "noted", "np", "no problem", "no worries", "nw", "yes", "yep", "yup", "yeah", "ya", "yea",
        "no", "nope", "great", "nice", "good", "lovely", "brilliant", "perfect", "awesome", "amazing", "fab", "super",
        "grand", "will do", "sounds good", "understood", "fair enough", "lol", "haha", "hehe", "ha", "oh ok", "ah ok",
        "ok cool", "thats great", "thats fine", "all good", "great stuff", "👍", "👌", "😊", "🙂", "😀", "😃", "😄",
        "😁", "✅", "✔", "💯", "😂", "🤣", "❤", "♥", "💙", "👏", "🙌", "😉", "👀",
    ];

    /// <summary>Chat that is neither a greeting nor a question: jokes, whether the bot is a person, how it feels.</summary>
    public static IReadOnlyList<string> Chat { get; } =
    [
        "tell me a joke", "tell us a joke", "tell me a funny joke", "tell me something funny", "say something funny",
        "make me laugh", "know any jokes", "do you know any jokes", "got any jokes", "joke", "a joke", "jokes",
        "are you a robot", "are you a bot", "are you human", "are you a person", "are you a real person", "are you real", "is this a real person",
        "am i talking to a robot", "am i talking to a real person", "are you ai", "are you an ai", "are you chatgpt",
        "who made you", "who built you", "whats your name", "what is your name", "do you have a name",
        "how old are you", "where do you live", "do you sleep", "are you happy", "do you like your job",
        "sing a song", "sing me a song", "i love you", "love you", "will you marry me", "marry me",
        "whats the meaning of life", "what is the meaning of life", "are you clever", "are you smart",
        "you are funny", "youre funny", "good bot", "clever bot", "bored", "im bored",
    ];

    public static IReadOnlyList<string> Goodbye { get; } =
    [
        "bye", "bye bye", "byebye", "goodbye", "good bye", "cya", "see ya", "see you", "see you later", "see u",
        "see u later", "later", "laters", "ttyl", "night", "good night", "goodnight", "gn", "nighty night", "take care",
        "have a good day", "have a nice day", "have a good one", "speak soon", "talk later", "thats all", "thats it",
        "im done", "done",
    ];
}
