using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.OneStopShop.Escalation;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.MultiInstance;

/// <summary>
/// Two bot processes on one storage account, set up so that what one instance leaves undone is visibly handed to the
/// other: outbox kicks are handed over after a second (the periodic scan runs hourly, so only the queue hands over), an
/// outbox claim runs out after five seconds, and lease decisions are logged.
/// </summary>
public sealed class TwoInstances : BotInstances
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Roles:SupportTeam:0"] = EscalationScenario.Sam.AadObjectId,
        ["Outbox:ScanInterval"] = "01:00:00",
        ["Outbox:KickHandOver"] = "00:00:01",
        ["Outbox:QueuePollInterval"] = "00:00:00.2",
        ["Outbox:DeliveryTimeout"] = "00:00:04",
        ["Outbox:LeaseDuration"] = "00:00:05",
        ["Leases:CheckInterval"] = "00:00:00.5",
        ["Logging:LogLevel:LearningBot.Storage.Leases"] = "Debug",

        // The most a turn may take, so that a machine busy with other work slows the tests down rather than failing them.
        ["BotHosting:TurnTimeout"] = "00:00:14",
        ["Storage:TurnBudget"] = "00:00:10",
    };

    /// <summary>The jobs every instance runs in the background, each once per period across instances.</summary>
    public static readonly string[] Jobs = ["review-reminders", "overdue-tickets", "outbox-scan", "inbound-activities-cleanup"];

    public static string ExpertChannel => EscalationScenario.Channel;

    public static string Question => "Is there funding for a Level 3 diploma in adult care for our bank staff?";

    public static string Escalate => EscalationVerbs.Escalate;

    public static string Submit => EscalationVerbs.Submit;
}
