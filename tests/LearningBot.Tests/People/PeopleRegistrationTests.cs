using LearningBot.People;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LearningBot.Tests.People;

public sealed class PeopleRegistrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task By_default_the_seeded_table_directory_answers_and_is_seeded_at_start_up()
    {
        await using var services = Build(new() { ["People:SeedFile"] = PeopleDirectories.ShippedSeedFile });
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var directory = services.GetRequiredService<IPeopleDirectory>();
        await services.GetRequiredService<TablePeopleDirectory>().EnsureSeededAsync(CancellationToken.None);

        Assert.IsType<TablePeopleDirectory>(directory);
        Assert.Equal(5, (await directory.GetPeopleManagedByAsync(SeedIds.PriyaShah, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Graph_source_uses_graph_at_the_configured_base_url()
    {
        await using var stub = await GraphStub.StartAsync();
        await using var services = Build(new()
        {
            ["People:Source"] = "Graph",
            ["People:Graph:BaseUrl"] = stub.BaseUrl,
            ["People:Graph:CacheDuration"] = "00:01:00",
        });

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PeopleOptions>>().Value;

        Assert.IsType<GraphPeopleDirectory>(services.GetRequiredService<IPeopleDirectory>());
        Assert.Equal((stub.BaseUrl, TimeSpan.FromMinutes(1), (string?)null), (options.Graph.BaseUrl, options.Graph.CacheDuration, options.EffectiveSeedFile));
    }

    [Fact]
    public void Directory_source_seeds_the_shipped_file_unless_told_otherwise()
    {
        Assert.Equal("people/people.csv", new PeopleOptions().EffectiveSeedFile);
        Assert.Null(new PeopleOptions { Source = PeopleSource.Graph }.EffectiveSeedFile);
        Assert.Null(PeopleSeedFile.Resolve(new PeopleOptions { SeedFile = "" }, AppContext.BaseDirectory).Path);
        Assert.True(File.Exists(PeopleSeedFile.Resolve(new PeopleOptions(), "/nonexistent").Path), "the build copies people.csv beside the bot");
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:ConnectionString"] = azurite.ConnectionString;
        settings["People:TableName"] = AzuriteFixture.NewTableName("people");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddPeopleDirectory();
        return services.BuildServiceProvider();
    }
}
