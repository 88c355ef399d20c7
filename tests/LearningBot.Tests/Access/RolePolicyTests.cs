using System.Security.Claims;
using LearningBot.Access;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Access;

/// <summary><see cref="RolePolicy"/>: the one place that decides who holds which role.</summary>
public sealed class RolePolicyTests
{
    private const string SamAad = "5e1f7a20-0000-4000-8000-0000000005e1";
    private static readonly Caller Sam = new(SamAad, SamAad, "29:1-other", "Sam", "tenant");
    private static readonly Caller Alex = new("6a1b0c2d-0000-4000-8000-00000000a1e5", "6a1b0c2d-0000-4000-8000-00000000a1e5", "29:1-alex", "Alex", "tenant");

    [Fact]
    public async Task A_member_listed_by_entra_object_id_holds_the_role_whatever_the_case_and_spacing()
    {
        var policy = Policy(new RoleOptions { SupportTeam = [" 5E1F7A20-0000-4000-8000-0000000005E1 "] });

        Assert.True(await policy.HoldsAsync(Sam, Roles.SupportTeam, CancellationToken.None));
    }

    [Fact]
    public async Task A_member_listed_by_teams_user_id_holds_the_role()
    {
        var policy = Policy(new RoleOptions { SupportTeam = ["29:1-alex"] });

        Assert.True(await policy.HoldsAsync(Alex, Roles.SupportTeam, CancellationToken.None));
        Assert.False(await policy.HoldsAsync(Sam, Roles.SupportTeam, CancellationToken.None));
    }

    [Fact]
    public async Task Nobody_unknown_or_with_empty_ids_holds_a_role_even_when_the_list_has_an_empty_entry()
    {
        var policy = Policy(new RoleOptions { SupportTeam = [""], Moderators = [" "] });

        Assert.False(await policy.HoldsAsync(Caller.Unknown, Roles.SupportTeam, CancellationToken.None));
        Assert.False(await policy.HoldsAsync(TeamsCaller(new ChannelAccount { Id = "", AadObjectId = "" }), Roles.SupportTeam, CancellationToken.None));
        Assert.False(await policy.HoldsAsync(TeamsCaller(new ChannelAccount { Id = " " }), Roles.Moderator, CancellationToken.None));
    }

    [Fact]
    public async Task The_support_team_holds_every_L_and_D_role_except_digest_approval()
    {
        var policy = Policy(new RoleOptions { SupportTeam = [SamAad] });

        foreach (var role in new[] { Roles.SupportTeam, Roles.Expert, Roles.Liaison, Roles.Moderator, Roles.DigestEditor })
        {
            Assert.True(await policy.HoldsAsync(Sam, role, CancellationToken.None), role.Name);
        }

        Assert.False(await policy.HoldsAsync(Sam, Roles.DigestApprover, CancellationToken.None));
        Assert.False(await policy.HoldsAsync(Sam, Roles.Lead, CancellationToken.None));
    }

    [Fact]
    public async Task Each_role_reads_its_own_list_and_grants_nothing_more()
    {
        var options = new RoleOptions
        {
            Experts = ["29:1-expert"],
            LiaisonStaff = ["29:1-liaison"],
            Moderators = ["29:1-moderator"],
            GoodPracticeEditors = ["29:1-practice-editor"],
            DigestEditors = ["29:1-editor"],
            DigestApprovers = ["29:1-approver"],
            Leads = ["29:1-lead"],
        };
        var policy = Policy(options);
        var lists = new Dictionary<Role, string>
        {
            [Roles.Expert] = "29:1-expert",
            [Roles.Liaison] = "29:1-liaison",
            [Roles.Moderator] = "29:1-moderator",
            [Roles.GoodPracticeEditor] = "29:1-practice-editor",
            [Roles.DigestEditor] = "29:1-editor",
            [Roles.DigestApprover] = "29:1-approver",
            [Roles.Lead] = "29:1-lead",
        };

        foreach (var (role, id) in lists)
        {
            var caller = new Caller(id, null, id, null, null);
            foreach (var other in Roles.All)
            {
                Assert.Equal(other == role, await policy.HoldsAsync(caller, other, CancellationToken.None));
            }
        }
    }

    [Fact]
    public async Task A_capabilitys_own_source_adds_holders_of_its_role_only()
    {
        var policy = Policy(new RoleOptions(), new FixedMembers(Roles.Lead, Alex.PersonKey!));

        Assert.True(await policy.HoldsAsync(Alex, Roles.Lead, CancellationToken.None));
        Assert.False(await policy.HoldsAsync(Alex, Roles.Moderator, CancellationToken.None));
        Assert.False(await policy.HoldsAsync(Sam, Roles.Lead, CancellationToken.None));
    }

    [Fact]
    public void Reads_every_role_list_from_the_roles_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Roles:SupportTeam:0"] = SamAad,
            ["Roles:SupportTeam:1"] = "29:sam",
            ["Roles:LiaisonStaff:0"] = "29:liaison",
            ["Roles:DigestApprovers:0"] = "29:approver",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRoles().BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<RoleOptions>>().Value;

        Assert.Equal([SamAad, "29:sam"], options.SupportTeam);
        Assert.Equal(["29:liaison"], options.LiaisonStaff);
        Assert.Equal(["29:approver"], options.DigestApprovers);
        Assert.Same(services.GetRequiredService<RolePolicy>(), services.GetRequiredService<IRoleCheck>());
    }

    [Fact]
    public async Task A_listed_id_sent_on_another_channel_holds_no_role()
    {
        var policy = Policy(new RoleOptions { SupportTeam = [SamAad, "29:1-other"] });
        var sam = new ChannelAccount { Id = "29:1-other", AadObjectId = SamAad };

        Assert.True(await policy.HoldsAsync(TeamsCaller(sam), Roles.SupportTeam, CancellationToken.None));
        foreach (var channel in new[] { "webchat", "directline", "emulator", "MSTEAMS" })
        {
            var activity = new Activity { ChannelId = channel, From = sam };
            var caller = Caller.Of(activity, new ClaimsIdentity([new Claim(InboundClaims.ChannelId, channel)], "test"));
            Assert.False(await policy.HoldsAsync(caller, Roles.SupportTeam, CancellationToken.None), channel);
        }
    }

    private static Caller TeamsCaller(ChannelAccount from) =>
        Caller.Of(
            new Activity { ChannelId = BotChannels.Teams, From = from },
            new ClaimsIdentity([new Claim(InboundClaims.ChannelId, BotChannels.Teams)], "test"));

    private static RolePolicy Policy(RoleOptions options, params IRoleMembers[] sources) =>
        new(new StaticOptionsMonitor<RoleOptions>(options), sources, new NoGroups());

    private sealed record FixedMembers(Role Role, string PersonKey) : IRoleMembers
    {
        public ValueTask<bool> IncludesAsync(Caller caller, CancellationToken cancellationToken) => ValueTask.FromResult(caller.PersonKey == PersonKey);
    }

    private sealed class NoGroups : IGroupMembership
    {
        public ValueTask<IReadOnlySet<string>> MemberOfAsync(string entraObjectId, IReadOnlyList<string> groupIds, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>());
    }
}
