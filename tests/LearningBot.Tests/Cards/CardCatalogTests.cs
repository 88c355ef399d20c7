using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Digest;
using LearningBot.FeedbackSignals;
using LearningBot.FiveMinuteReview;
using LearningBot.GoodPractice;
using LearningBot.OneStopShop.Answers;
using LearningBot.Tests.Support;
using LearningBot.Welcome;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Cards;

public sealed class CardCatalogTests
{
    private static readonly CardCatalog Catalog = CardCatalog.Load(CardPaths.Cards);

    /// <summary>Every typed card model in the bot, found by reflection so a new capability's cards are covered.</summary>
    private static readonly Type[] TypedModels =
    [
        .. typeof(ICardData).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICardData).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    public static TheoryData<Type> CardDataTypes => [.. TypedModels];

    [Fact]
    public void Loads_every_template_and_skips_sample_data()
    {
        // Every typed model has its template; some templates (review steps) share one model, so no one-to-one check.
        Assert.DoesNotContain(Catalog.Names, name => name.EndsWith(".data", StringComparison.Ordinal));
        Assert.Subset(
            Catalog.Names.ToHashSet(StringComparer.Ordinal),
            TypedModels.Select(t => (string)t.GetProperty(nameof(ICardData.CardName))!.GetValue(null)!).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Ships_the_templates_beside_the_bot()
    {
        var shipped = CardCatalog.Load(new CardsOptions().Directory);

        Assert.Equal(Catalog.Names, shipped.Names);
    }

    [Theory]
    [MemberData(nameof(CardDataTypes))]
    public void Each_typed_model_names_a_card_and_reads_its_sample_data(Type dataType)
    {
        var cardName = (string)dataType.GetProperty(nameof(ICardData.CardName))!.GetValue(null)!;
        var sample = File.ReadAllText(Path.Combine(CardPaths.Cards, cardName + ".data.json"));

        var typed = JsonSerializer.Deserialize(sample, dataType, BotJson.Options);
        var roundTrip = JsonSerializer.SerializeToNode(typed, dataType, BotJson.Options);

        Assert.Contains(cardName, Catalog.Names);
        Assert.Null(JsonSemantics.FirstDifference(JsonNode.Parse(sample), roundTrip));
    }

    [Fact]
    public void Welcome_sample_data_is_the_standard_menu()
    {
        var sample = CardPaths.ReadJson(Path.Combine(CardPaths.Cards, "welcome.data.json"));

        var standard = JsonSerializer.SerializeToNode(WelcomeCardData.For("Priya"), BotJson.Options);

        Assert.Null(JsonSemantics.FirstDifference(sample, standard));
    }

    [Fact]
    public void Welcome_offers_a_button_per_capability_with_its_verb()
    {
        var card = Catalog.Render(WelcomeCardData.For("Priya"));

        Assert.Equal([AskVerbs.Start, ReviewVerbs.Start, SignalVerbs.Start, GoodPracticeVerbs.Share, DigestVerbs.Latest], CardJson.Verbs(card));
        Assert.Contains("Hello Priya", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Welcome_without_a_name_greets_everyone(string? firstName)
    {
        var card = Catalog.Render(WelcomeCardData.For(firstName));

        var heading = card["body"]![0]!["text"]!.GetValue<string>();
        Assert.Equal("Hello, I'm LearningBot", heading);
    }

    [Fact]
    public void Error_card_offers_retry_only_when_given_a_verb()
    {
        var withRetry = Catalog.Render(new ErrorCardData("ABCD-2345", DigestVerbs.Latest));
        var without = Catalog.Render(new ErrorCardData("ABCD-2345"));

        Assert.Equal(2, CardJson.Actions(withRetry).Count);
        Assert.Single(CardJson.Actions(without));
        Assert.Contains("Reference: ABCD-2345", without.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_reference_ids_are_short_and_unambiguous()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => ErrorCardData.NewReferenceId()).ToList();

        Assert.All(ids, id => Assert.Matches("^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", id));
        Assert.True(ids.Distinct().Count() > 195);
    }

    [Fact]
    public void Render_by_name_binds_camel_case_data()
    {
        var card = Catalog.Render("coming-soon", new ComingSoonCardData("Latest digest", "read the newsletter here."));

        Assert.Equal("Latest digest is not ready yet", card["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Unknown_card_name_lists_the_known_ones()
    {
        var thrown = Assert.Throws<KeyNotFoundException>(() => Catalog.Get("welcom"));

        Assert.Contains("welcome", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wraps_a_card_as_an_adaptive_card_attachment()
    {
        var attachment = Catalog.RenderAttachment(new ErrorCardData("ABCD-2345"));

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("AdaptiveCard", attachment.Content!["type"]!.GetValue<string>());
        var wire = JsonSerializer.Serialize(attachment, BotJson.Options);
        Assert.Contains("\"contentType\":\"application/vnd.microsoft.card.adaptive\"", wire, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CardNamesWithSampleData))]
    public void A_card_kept_as_its_bound_json_is_the_same_card_on_the_wire(string name)
    {
        var template = Catalog.Get(name);
        var data = CardPaths.ReadJson(CardCatalog.SampleDataFile(CardPaths.CardFile(name)));

        var bound = template.Bind(data);
        var json = template.BindJson(data);

        Assert.Equal(System.Text.Json.JsonValueKind.Object, json.GetValueKind());
        Assert.True(JsonNode.DeepEquals(bound, json));
        Assert.Equal(
            JsonSerializer.Serialize(LearningBot.Connector.Schema.Attachment.AdaptiveCard(bound), BotJson.Options),
            JsonSerializer.Serialize(LearningBot.Connector.Schema.Attachment.AdaptiveCard(json), BotJson.Options));
    }

    [Fact]
    public void Binding_the_help_card_copies_no_node_of_the_template()
    {
        var data = JsonSerializer.SerializeToNode(WelcomeCardData.For("Alex"), BotJson.Options);
        var template = Catalog.Get(WelcomeCardData.CardName);
        _ = template.BindJson(data);
        _ = template.BindJson(data);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var json = template.BindJson(data);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The card's own bytes, and what reading the data's values costs; a node per template part would be ~30 KB.
        var cardBytes = Encoding.UTF8.GetByteCount(json.ToJsonString());
        Assert.InRange(allocated, cardBytes, cardBytes + (12 * 1024));
    }

    public static TheoryData<string> CardNamesWithSampleData() =>
        [.. CardCatalog.TemplateFiles(CardPaths.Cards).Where(file => File.Exists(CardCatalog.SampleDataFile(file))).Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    [Fact]
    public void A_broken_template_stops_the_catalog_loading()
    {
        var dir = Directory.CreateTempSubdirectory("cards-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "good.json"), """{ "type": "AdaptiveCard", "version": "1.5" }""");
            File.WriteAllText(Path.Combine(dir.FullName, "bad.json"), """{ "type": "AdaptiveCard", "x": "${json(a)}" }""");
            File.WriteAllText(Path.Combine(dir.FullName, "bad.data.json"), """{ "not": "a template" }""");

            var thrown = Assert.Throws<CardTemplateException>(() =>
                new CardCatalog(Options.Create(new CardsOptions { Directory = dir.FullName }), NullLogger<CardCatalog>.Instance));

            Assert.Equal("bad", thrown.TemplateName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AddCards_loads_the_catalog_when_the_host_starts()
    {
        var dir = Directory.CreateTempSubdirectory("cards-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "bad.json"), """{ "x": "${a +}" }""");
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddCards(o => o.Directory = dir.FullName);
            using var host = builder.Build();

            await Assert.ThrowsAsync<CardTemplateException>(() => host.StartAsync(CancellationToken.None));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AddCards_uses_the_shipped_cards_by_default()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddCards();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(Catalog.Names, provider.GetRequiredService<CardCatalog>().Names);
    }
}
