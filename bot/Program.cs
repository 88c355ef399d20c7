using LearningBot.Announcements;
using LearningBot.Digest;
using LearningBot.BotHost;
using LearningBot.FeedbackSignals;
using LearningBot.FiveMinuteReview;
using LearningBot.GoodPractice;
using LearningBot.Leads;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Finding;
using LearningBot.LearningDirectory.Interest;
using LearningBot.OneStopShop;
using LearningBot.Welcome;

// The bot's table of contents. The host (BotHost/LearningBotHost) is the platform every capability stands on: the Bot
// Connector endpoint and its authentication, the router, table storage, roles, cards, the people directory and
// telemetry. The capabilities follow, one line each.
var app = LearningBotHost.Build(args);
app.Run();

public partial class Program
{
    /// <summary>Every capability, one line each: a new capability is a folder under <c>bot/</c>, its cards and a line here.</summary>
    public static void AddCapabilities(IServiceCollection services)
    {
        services.AddWelcome();                                  // welcome card, help, coming soon
        services.AddOneStopShop();                              // questions answered, gaps report, article editor, ask the L&D team
        services.AddFiveMinuteReview();                         // the Five Minute Review: manager, person, coverage
        services.AddAnnouncements();                            // announcements from the L&D Support Team, sent as deliveries
        services.AddFeedbackSignals();                          // liaison staff log what patients and service users say about staff skills
        services.AddLeads();                                    // the register of leads: their topics, alerts and role
        services.AddGoodPractice();                             // the good-practice exchange: sharing examples, and their moderation by editors
        services.AddDigest();                                   // the newsletter digest: editions drafted from what the community learned, contributions
        services.AddLearningDirectory();                        // the learning directory: courses, sessions and where to book, kept current in Teams
        services.AddLearningDirectoryFinding();                 // the learning directory: courses found in your own words, and their dates under articles
        services.AddCourseInterest();                           // the learning directory: "tell me when there's a date", and telling people once when one is added
    }
}
