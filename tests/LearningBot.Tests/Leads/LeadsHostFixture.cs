using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Leads;

/// <summary>
/// The bot host with the register of leads seeded from the real who's who (<c>knowledge/whos-who.json</c>: 26 leads) and
/// the people directory from <c>people/people.csv</c>; <see cref="Support"/> is in the L&amp;D Support Team.
/// </summary>
public sealed class LeadsHostFixture : BotHostFixture
{
    public static readonly TestPerson Support = new("29:1-leads-support", "3b9e0a41-0000-4000-8000-0000000061a1", "Sam Okafor");

    /// <summary>Leads the who's who lists, signed in as themselves (their Entra object id is their personKey there).</summary>
    public static readonly TestPerson Rohan = new("29:1-rohan", "4357519c-b386-4c3f-9a15-e64ac7c12ffa", "Rohan Mehta");

    public static readonly TestPerson Yetunde = new("29:1-yetunde", "4ad92aed-2a1f-4d27-b0b1-afd113b216e3", "Yetunde Adebayo");

    public static readonly TestPerson Callum = new("29:1-callum", "acb4600e-71a1-4f38-97b6-5f889aea1128", "Callum Strachan");

    public static readonly TestPerson Hannah = new("29:1-hannah", "e39addc3-a096-42dd-9fed-caed106636e2", "Hannah Lindqvist");

    public static readonly TestPerson Stuart = new("29:1-stuart", "36c98f8a-7b71-480d-97db-927d93485b97", "Stuart Ferreira");

    /// <summary>People in the people directory who are not leads.</summary>
    public static readonly TestPerson Tom = new("29:1-tom", "1a7b3c0d-4e5f-4b62-9c8d-0f2e3a4b5c61", "Tom Okafor");

    public static readonly TestPerson Grace = new("29:1-grace", "2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72", "Grace Lewis");

    public static readonly TestPerson Kwame = new("29:1-kwame", "9b5d3f7a-2c4e-4068-8b1d-7f3e5c9a2b48", "Kwame Mensah");

    public LeadRegister Register => Bot.Services.GetRequiredService<LeadRegister>();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Roles:SupportTeam:0"] = Support.AadObjectId,
    };

    public Task<bool> IsLeadAsync(TestPerson person) =>
        Bot.Services.GetRequiredService<IRoleCheck>()
            .HoldsAsync(new Caller(person.AadObjectId, person.AadObjectId, person.TeamsId, person.Name, TeamsActivities.TenantId), Roles.Lead, CancellationToken.None)
            .AsTask();
}
