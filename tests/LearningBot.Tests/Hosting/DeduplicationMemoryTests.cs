using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;
using Xunit.Abstractions;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// What the in-memory de-duplication keeps alive, measured on the heap: button presses answered with real cards bound
/// from their templates and sample data, as review steps and ratings answer. Run on their own, since the heap is the
/// whole process's.
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public sealed class DeduplicationMemoryTests(ITestOutputHelper output)
{
    private static readonly string[] PressCards = ["review-feedback", "review-view", "answer-article"];

    [Fact]
    public async Task A_remembered_card_response_keeps_a_few_kilobytes_alive_not_the_card()
    {
        var cards = PressCards.Select(CardBinder.Load).ToArray();
        const int presses = 3_000;
        await FillAsync(new ActivityDeduplicator(TimeProvider.System, capacity: presses, maxBytes: long.MaxValue), cards, presses);

        // The heap is the whole process's, and whatever else it still holds can be let go in the middle of one
        // measurement: the median of three is what a press keeps.
        var measured = new List<(long PerPress, ActivityDeduplicator Deduplicator)>();
        for (var round = 0; round < 3; round++)
        {
            var fresh = new ActivityDeduplicator(TimeProvider.System, capacity: presses, maxBytes: long.MaxValue);
            var before = LiveBytes();
            await FillAsync(fresh, cards, presses);
            measured.Add(((LiveBytes() - before) / presses, fresh));
        }

        var (perPress, deduplicator) = measured.OrderBy(m => m.PerPress).ElementAt(1);
        GC.KeepAlive(measured);

        var jsonBytes = cards.Average(card => card.JsonBytes);
        output.WriteLine($"card JSON {jsonBytes:F0} bytes, gzipped {cards.Average(card => card.GzipBytes):F0}; kept per press {perPress} bytes (counted {deduplicator.RememberedBytes / presses}); at {ActivityDeduplicator.DefaultCapacity:N0} presses {perPress * ActivityDeduplicator.DefaultCapacity / 1e6:F1} MB");
        Assert.True(perPress < jsonBytes / 2, $"{perPress} bytes kept per press, the card's JSON is {jsonBytes:F0}");
        // The count the limit is checked against is close to what is really kept alive.
        Assert.InRange(deduplicator.RememberedBytes / presses, perPress * 3 / 4, perPress * 5 / 4);
    }

    [Fact]
    public async Task Remembered_responses_keep_no_more_alive_than_the_byte_limit()
    {
        var cards = PressCards.Select(CardBinder.Load).ToArray();
        const long limit = 1024 * 1024;
        var deduplicator = new ActivityDeduplicator(TimeProvider.System, capacity: 100_000, maxBytes: limit);
        var before = LiveBytes();

        var lastJson = await FillAsync(deduplicator, cards, 5_000);
        var kept = LiveBytes() - before;
        GC.KeepAlive(deduplicator);

        output.WriteLine($"{deduplicator.Remembered} of 5,000 presses remembered, {deduplicator.RememberedBytes} bytes counted, {kept} bytes kept alive");
        Assert.InRange(deduplicator.Remembered, 100, 4_999);
        Assert.True(kept < limit * 5 / 4, $"{kept} bytes kept alive under a limit of {limit}");
        var (last, duplicate) = await deduplicator.ProcessOnceAsync(Press(5_000 - 1), () => throw new InvalidOperationException("ran twice"));
        Assert.True(duplicate);
        Assert.Equal(lastJson, JsonSerializer.Serialize(last!.Body, BotJson.Options));
    }

    [Fact]
    public async Task A_remembered_message_keeps_under_a_kilobyte_alive()
    {
        const int messages = 5_000;
        var deduplicator = new ActivityDeduplicator(TimeProvider.System, capacity: messages);
        var before = LiveBytes();
        for (var i = 0; i < messages; i++)
        {
            await deduplicator.ProcessOnceAsync(Press(i) with { Type = ActivityTypes.Message, Name = null }, () => Task.FromResult<InvokeResponse?>(null));
        }

        var perMessage = (LiveBytes() - before) / messages;
        GC.KeepAlive(deduplicator);

        output.WriteLine($"kept per message {perMessage} bytes, counted {deduplicator.RememberedBytes / messages}");
        Assert.True(perMessage < 1024, $"{perMessage} bytes kept per message");
    }

    /// <summary>Presses <paramref name="presses"/> different buttons; returns the JSON the last press was answered with.</summary>
    private static async Task<string> FillAsync(ActivityDeduplicator deduplicator, CardBinder[] cards, int presses)
    {
        InvokeResponse? response = null;
        for (var i = 0; i < presses; i++)
        {
            var answer = new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(cards[i % cards.Length].Bind()));
            (response, _) = await deduplicator.ProcessOnceAsync(Press(i), () => Task.FromResult<InvokeResponse?>(answer));
        }

        return JsonSerializer.Serialize(response!.Body, BotJson.Options);
    }

    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>A press as Teams sends it: a personal chat's id (as long as Teams makes them) and the invoke's own id.</summary>
    private static Activity Press(int n) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = "adaptiveCard/action",
        Id = "f:" + (7_300_000_000_000_000_000 + n),
        Conversation = new ConversationAccount { Id = $"a:1{n:D8}" + new string('x', 110) },
    };

    /// <summary>A card template with its sample data, bound afresh for every press as a turn binds it.</summary>
    private sealed class CardBinder(CardTemplate template, JsonNode data)
    {
        public static CardBinder Load(string name)
        {
            var folder = Path.Combine(RepoPaths.Root, "cards");
            var binder = new CardBinder(
                CardTemplate.Load(Path.Combine(folder, name + ".json")),
                JsonNode.Parse(File.ReadAllText(Path.Combine(folder, name + ".data.json")))!);
            var json = JsonSerializer.SerializeToUtf8Bytes(binder.Bind(), BotJson.Options);
            using var gzipped = new MemoryStream();
            using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(json);
            }

            binder.JsonBytes = json.Length;
            binder.GzipBytes = (int)gzipped.Length;
            return binder;
        }

        public int JsonBytes { get; private set; }

        public int GzipBytes { get; private set; }

        public JsonObject Bind() => template.Bind(data);
    }
}

/// <summary>Tests that measure the process's heap run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "Heap measurement";
}
