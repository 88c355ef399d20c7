using LearningBot.Tests.OneStopShop.Escalation;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.MultiInstance;

/// <summary>
/// Two bot processes on one storage account with the times an instance may use what it read kept short, so that a test
/// can wait them out: the expert channel is read again after 2 seconds, and articles saved on the other instance are
/// looked for every 3 seconds.
/// </summary>
public sealed class SharedStateInstances : BotInstances
{
    public static readonly TimeSpan ExpertChannelCacheDuration = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan StoredArticlesRefresh = TimeSpan.FromSeconds(3);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Roles:SupportTeam:0"] = EscalationScenario.Sam.AadObjectId,
        ["LearningHub:Escalation:ExpertChannelCacheDuration"] = ExpertChannelCacheDuration.ToString(),
        ["OneStopShop:StoredArticlesRefresh"] = StoredArticlesRefresh.ToString(),

        // The most a turn may take, so that a machine busy with other work slows the tests down rather than failing them.
        ["BotHosting:TurnTimeout"] = "00:00:14",
        ["Storage:TurnBudget"] = "00:00:10",
    };
}
