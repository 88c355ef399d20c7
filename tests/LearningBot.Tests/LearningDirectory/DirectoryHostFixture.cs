using System.Collections.Concurrent;
using System.Net;
using LearningBot.Leads;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Import;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>
/// The bot host with the register of leads seeded from the real who's who and the sample offers loaded;
/// <see cref="Support"/> is in the L&amp;D Support Team, <see cref="Marcus"/> and <see cref="Sinead"/> are the hospital
/// trust's and the independent sector's L&amp;D leads, <see cref="Callum"/> is a lead but not an L&amp;D lead.
/// </summary>
public sealed class DirectoryHostFixture : BotHostFixture
{
    public static readonly TestPerson Support = new("29:1-directory-support", "3b9e0a41-0000-4000-8000-0000000071b2", "Sam Okafor");

    public static readonly TestPerson Marcus = new("29:1-marcus", "04e38c89-0eda-4405-a0ad-839ee524dba9", "Marcus Feldwick");

    public static readonly TestPerson Sinead = new("29:1-sinead", "b62fdf13-b0db-4bb9-b674-7ecd206b07e6", "Sinead Brennan-Holt");

    public static readonly TestPerson Callum = new("29:1-callum", "acb4600e-71a1-4f38-97b6-5f889aea1128", "Callum Strachan");

    public CourseDirectoryStore Store => Bot.Services.GetRequiredService<CourseDirectoryStore>();

    public ICourseCatalogue Catalogue => Bot.Services.GetRequiredService<ICourseCatalogue>();

    /// <summary>Files Teams would serve at their download links, by link.</summary>
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(ImportFileReader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new FileDownloads(Files));

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Roles:SupportTeam:0"] = Support.AadObjectId,
        ["LearningDirectory:CatalogueRefresh"] = "00:00:00",
        ["LearningDirectory:SeedSample"] = "true",
    };

    /// <summary>Both seeds run in the background from start-up; a test that came before them would find nothing.</summary>
    public async Task ReadyAsync()
    {
        await Bot.Services.GetRequiredService<LeadRegister>().EnsureSeededAsync(CancellationToken.None);
        await Bot.Services.GetRequiredService<SampleOfferSeeder>().SeedAsync(CancellationToken.None);
    }

    /// <summary>Plays the part of Teams' file download links.</summary>
    private sealed class FileDownloads(ConcurrentDictionary<string, string> files) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(files.TryGetValue(request.RequestUri!.ToString(), out var text)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
