using LearningBot.Digest;
using static LearningBot.Tests.Digest.Print.PrintHarness;

namespace LearningBot.Tests.Digest.Print;

/// <summary>A realistic edition of ten items of ordinary length, as the print fixtures show it.</summary>
public static class PrintSample
{
    public static IReadOnlyList<DigestItem> Items { get; } =
    [
        Item(DigestItemKinds.GoodPractice, "Care home teams cut falls at night with a simple huddle",
            "Staff at three care homes in the independent sector started a five-minute huddle at the start of each night shift. They go through who has had a fall or a near miss in the last week, who has new medicines that can cause dizziness, and who needs a hand to the toilet in the night. Night staff said they now know where to be and when.\nAfter six months the homes recorded fewer falls at night and fewer calls to the ambulance service. The huddle needs no equipment and no training budget: the homes have written a one-page guide so that others can try it.",
            "https://learning.example.org/good-practice/night-huddle", organisationKind: "independent-sector"),
        Item(DigestItemKinds.GoodPractice, "Volunteer drivers learn to spot when someone is not coping",
            "Hospital discharge drivers are often the last people to see a patient before they are alone at home. A voluntary sector service worked with the council's safeguarding team on a short session for its drivers: what to look out for at the door, how to ask a gentle question, and who to ring the same day.\nThe session runs in a morning at the volunteer base, with tea and time for questions. Twenty-two drivers have taken part so far, and the service is happy to share its materials.",
            "https://learning.example.org/good-practice/driver-awareness", organisationKind: "voluntary-sector"),
        Item(DigestItemKinds.YouSaidWeDid, "You said: discharge letters arrive after the patient",
            "Feedback from people leaving hospital, and from the care workers who meet them at home, said that discharge letters often arrived a day or two after the person. Care staff did not know about new medicines or what to watch for.\nWe did: the hospital, primary care and the council agreed a short handover checklist that goes home with the person, and a learning session on good handovers is now part of induction for ward staff and home care workers.",
            "https://learning.example.org/you-said-we-did/discharge"),
        Item(DigestItemKinds.Article, "New: getting started with e-learning when you have little time",
            "A new article in the knowledge base explains how to fit e-learning into a busy shift pattern: choosing short modules, doing them with a colleague, using a tablet in the staff room, and asking your manager for protected time. It also lists face-to-face and printed alternatives for people who prefer not to learn on screen.",
            "https://learning.example.org/articles/e-learning"),
        Item(DigestItemKinds.Article, "Updated: funding for learning in the voluntary sector",
            "The article on funding now lists the small grants open this winter, the shared bid the L&D Support Team is putting together for first aid and safeguarding courses, and how to ask for help writing a bid. Organisations of any size can take part.",
            "https://learning.example.org/articles/funding"),
        Item(DigestItemKinds.TeamItem, "Learning set for new managers starts in January",
            "A learning set of six to eight new managers from different organisations will meet once a month for six months, from January. Members bring real problems from their own work and help each other think them through, using questions rather than advice. There is no charge. Ask your L&D lead for a place by the end of December.",
            "https://learning.example.org/sets", category: "learning-set"),
        Item(DigestItemKinds.TeamItem, "First aid at work: shared course dates",
            "The shared three-day first aid at work course runs in February and March at the Harbour Lane hub, with places for staff and volunteers from every organisation. The one-day refresher runs monthly. Your organisation books the places: talk to your manager or volunteer coordinator.",
            "https://learning.example.org/courses/first-aid", category: "course"),
        Item(DigestItemKinds.TeamItem, "Funding deadline: workforce development fund",
            "Bids for the workforce development fund close at the end of January. The fund pays for training that helps care staff and volunteers work across organisations. The L&D Support Team will read a draft bid and give feedback if you send it two weeks before the deadline.",
            "https://learning.example.org/funding/workforce-fund", category: "funding-deadline"),
        Item(DigestItemKinds.ReviewTip, "Five Minute Review tip: ask one open question",
            "This month's tip: start the review with one open question, such as \"What has gone well since we last talked?\", and let the person answer in their own words before you add anything. Most reviews this quarter ended with an agreed next step for learning."),
        Item(DigestItemKinds.Contribution, "What I learned from shadowing a district nurse",
            "I have volunteered as a befriender for two years. Last month I spent a morning shadowing a district nurse on her visits, arranged through our volunteer coordinator. I learned how much the nurses notice in a few minutes, and how a short chat about the weather can tell you whether someone has eaten or slept. It made me more confident about what to pass on after my own visits, and who to tell. If you volunteer, ask your coordinator whether shadowing could work for you: it costs nothing and I came away with ideas I use every week."),
    ];

    /// <summary>Edition 7, sent: the edition the fixtures show.</summary>
    public static DigestEdition Edition()
    {
        var sent = DateTimeOffset.Parse("2026-11-30T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        return DigestEdition.Draft(sent.AddDays(-30), sent, "editor", Items, sent).Numbered(7) with { Status = DigestStatus.Sent };
    }
}
