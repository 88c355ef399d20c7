using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>Membership of the expert channel's team, asked of Teams (the fake connector) and remembered in a bounded cache.</summary>
public sealed class ExpertChannelTeamTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Many_different_callers_keep_the_memory_of_membership_answers_within_its_capacity()
    {
        await using var hub = await EscalationScenario.StartAsync(azurite);
        await hub.SetExpertChannelAsync();
        using var team = NewTeam(hub, remembered: 20);
        var asked = hub.Connector.Requests.Count;

        for (var i = 0; i < 200; i++)
        {
            Assert.False(await team.IncludesAsync(new Caller(null, null, "29:person-" + i, null, null), CancellationToken.None));
            Assert.InRange(team.Remembered, 0, 20);
        }

        Assert.Equal(200, hub.Connector.Requests.Count - asked);
        Assert.False(await team.IncludesAsync(new Caller(null, null, "29:person-199", null, null), CancellationToken.None));
        Assert.Equal(200, hub.Connector.Requests.Count - asked);
    }

    private static ExpertChannelTeam NewTeam(EscalationScenario hub, int remembered)
    {
        var services = hub.Bot.Services;
        return new ExpertChannelTeam(
            services.GetRequiredService<IOptionsMonitor<EscalationOptions>>(),
            services.GetRequiredService<ExpertChannelStore>(),
            services.GetRequiredService<IConnectorClientFactory>(),
            TimeProvider.System,
            NullLogger<ExpertChannelTeam>.Instance,
            remembered);
    }
}
