using System.Text.Json.Nodes;
using LearningBot.BotHost;
using LearningBot.Cards;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Delivery;

/// <summary>What the requester's progress card says while a delivery runs, when it has finished and when it was cancelled.</summary>
public sealed class DeliveryProgressCardTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly CardCatalog Catalog = CardCatalog.Load(Path.Combine(RepoPaths.Root, "cards"));

    private readonly DeliveryProgressCards _cards = NewCards(new ManualClock(Start));

    [Fact]
    public void A_running_delivery_shows_its_counts_and_a_cancel_button()
    {
        var card = _cards.Render(Running(sent: 4210, unreachable: 12, failed: 0, left: TimeSpan.FromMinutes(3)));

        Assert.Equal("Sent to 4,210 of 11,000 · 12 unreachable · 0 failed · about 3 minutes left", Text(card, "counts"));
        Assert.Equal("Your announcement", CardJson.FirstOfType(card, "TextBlock")["text"]!.GetValue<string>());
        var cancel = CardJson.ActionByVerb(card, DeliveryProgressVerbs.Cancel);
        Assert.Equal("d1", cancel["data"]!["deliveryId"]!.GetValue<string>());
        Assert.Null(ReportButton(card));
        Assert.False(CardJson.HasId(card, "summary"));
    }

    [Theory]
    [InlineData(null, "working out how long it will take")]
    [InlineData(40, "less than a minute left")]
    [InlineData(70, "about a minute left")]
    [InlineData(600, "about 10 minutes left")]
    [InlineData(3 * 3600, "about 3 hours left")]
    public void Time_left_is_said_in_plain_words(int? seconds, string expected) =>
        Assert.Equal(expected, DeliveryProgressCards.TimeLeft(seconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Fact]
    public void A_finished_delivery_shows_a_summary_and_the_report_link_and_no_cancel()
    {
        var finished = Running(sent: 10838, unreachable: 162, failed: 0, left: null) with
        {
            Status = DeliveryStatuses.Completed,
            FinishedAt = Start.AddMinutes(3).AddSeconds(52),
        };
        var byReason = new Dictionary<string, int> { ["no-teams"] = 150, ["left-organisation"] = 9, ["app-blocked"] = 3 };

        var card = _cards.Render(finished, byReason);

        Assert.Equal("Finished", Text(card, "headline"));
        Assert.Equal("Sent to 10,838 of 11,000 · 162 unreachable · 0 failed", Text(card, "counts"));
        var facts = Facts(card);
        Assert.Equal("10,838", facts["Sent"]);
        Assert.Equal("150: counted for the printed edition", facts["Without Teams"]);
        Assert.Equal("12: 9 have left the organisation, 3 have blocked the bot", facts["Not reachable in Teams"]);
        Assert.Equal("0", facts["Failed"]);
        Assert.Equal("0", facts["Cancelled"]);
        Assert.Equal("3 minutes 52 seconds", facts["Time taken"]);
        Assert.Empty(CardJson.Verbs(card));
        var report = ReportButton(card)!;
        Assert.Equal("Action.OpenUrl", report["type"]!.GetValue<string>());
        Assert.StartsWith("https://learningbot.test/deliveries/d1/report.csv?exp=", report["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_delivery_says_so_and_counts_what_was_stopped()
    {
        var cancelled = Running(sent: 300, unreachable: 2, failed: 1, left: TimeSpan.FromMinutes(2)) with
        {
            Status = DeliveryStatuses.Cancelled,
            Cancelled = 10697,
            FinishedAt = Start.AddSeconds(40),
        };

        var card = _cards.Render(cancelled, notice: DeliveryCancelFeature.Cancelled);

        Assert.Equal("Cancelled: nothing more will be sent", Text(card, "headline"));
        Assert.Equal(DeliveryCancelFeature.Cancelled, Text(card, "notice"));
        Assert.Equal("Sent to 300 of 11,000 · 2 unreachable · 1 failed · 10,697 cancelled", Text(card, "counts"));
        Assert.Equal("10,697", Facts(card)["Cancelled"]);
        Assert.Equal("40 seconds", Facts(card)["Time taken"]);
        Assert.Empty(CardJson.Verbs(card));
    }

    [Fact]
    public void A_finished_delivery_whose_list_of_people_was_removed_says_so_and_offers_no_report()
    {
        var removed = Running(sent: 10838, unreachable: 162, failed: 0, left: null) with
        {
            Status = DeliveryStatuses.Completed,
            FinishedAt = Start.AddMinutes(6),
            LedgerRemovedAt = new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero),
        };

        var card = _cards.Render(removed);

        Assert.Null(ReportButton(card));
        Assert.Equal("10,838", Facts(card)["Sent"]);
        Assert.Equal("162", Facts(card)["Unreachable"]);
        Assert.Equal(
            "The list of people this delivery went to was removed on 1 June 2026, after the retention period for delivery records. Only the counts are kept.",
            Text(card, "ledgerRemoved"));
        Assert.DoesNotContain("Ask the L&D Support Team", CardJson.Texts(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_people_removed_just_after_midnight_in_british_summer_time_is_said_removed_on_that_uk_day()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London.
        var removed = Running(sent: 10, unreachable: 0, failed: 0, left: null) with
        {
            Status = DeliveryStatuses.Completed,
            FinishedAt = Start.AddMinutes(6),
            LedgerRemovedAt = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero),
        };

        Assert.StartsWith("The list of people this delivery went to was removed on 16 June 2026,", RemovedLedger.Sentence(removed), StringComparison.Ordinal);
        Assert.Contains("was removed on 16 June 2026,", RemovedLedger.Report(removed), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_public_address_the_finished_card_says_where_to_get_the_report()
    {
        var cards = NewCards(new ManualClock(Start), publicBaseUrl: null);

        var card = cards.Render(Running(1, 0, 0, null) with { Status = DeliveryStatuses.Completed, FinishedAt = Start });

        Assert.Null(ReportButton(card));
        Assert.Contains("Ask the L&D Support Team", CardJson.Texts(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_editors_running_card_shows_a_small_count_as_fewer_than_5()
    {
        var card = _cards.Render(Running(sent: 4210, unreachable: 3, failed: 1, left: TimeSpan.FromMinutes(3)) with { Purpose = "digest" });

        Assert.Equal("Sent to 4,210 of 11,000 people (38%) · fewer than 5 not reached · about 3 minutes left", Text(card, "counts"));
    }

    [Fact]
    public void A_digest_editors_finished_card_shows_no_small_remainder_no_breakdown_and_no_report()
    {
        var finished = Running(sent: 10997, unreachable: 2, failed: 1, left: null) with
        {
            Purpose = "digest",
            Status = DeliveryStatuses.Completed,
            FinishedAt = Start.AddMinutes(6),
        };
        var byReason = new Dictionary<string, int> { ["no-teams"] = 1, ["app-blocked"] = 1 };

        var card = _cards.Render(finished, byReason);

        Assert.Equal("Sent to more than 10,995 of 11,000 people · fewer than 5 not sent", Text(card, "counts"));
        Assert.Equal(
            new Dictionary<string, string> { ["Sent"] = "more than 10,995 of 11,000 people", ["Not sent"] = "fewer than 5", ["Time taken"] = "6 minutes" },
            Facts(card));
        Assert.Null(ReportButton(card));
        Assert.Contains("Ask the L&D Support Team", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b[1-4]\b", string.Join(" ", Text(card, "counts"), string.Join(" ", Facts(card).Values)));
    }

    [Fact]
    public void A_digest_to_fewer_than_5_people_shows_neither_how_many_nor_how_many_were_sent()
    {
        var finished = new DeliveryProgress("d1", "digest", "editor", DeliveryStatuses.Completed, 3, 3, 0, 0, 0, Start, Start.AddSeconds(5), null);

        var card = _cards.Render(finished);

        Assert.Equal("Sent to everyone (fewer than 5 people) · 0 not sent", Text(card, "counts"));
    }

    public static DeliveryProgressCards NewCards(TimeProvider clock, string? publicBaseUrl = "https://learningbot.test")
    {
        var options = Options.Create(new DeliveryProgressOptions());
        var publicLinks = new PublicLinks(
            Options.Create(new PublicLinksOptions { BaseUrl = publicBaseUrl, SigningKey = Convert.ToBase64String(new byte[32]) }), clock, NullLogger<PublicLinks>.Instance);
        var links = new ReportLinks(publicLinks, options);
        return new DeliveryProgressCards(Catalog, links, options);
    }

    /// <summary>The card's "Download delivery report" link (an Action.OpenUrl), or null.</summary>
    public static JsonObject? ReportButton(JsonObject card) =>
        CardJson.Descendants(card).FirstOrDefault(n => CardJson.Type(n) == "Action.OpenUrl" && n["title"]?.GetValue<string>() == "Download delivery report");

    private static DeliveryProgress Running(int sent, int unreachable, int failed, TimeSpan? left) =>
        new("d1", "announcement", "requester", DeliveryStatuses.Sending, 11000, sent, unreachable, failed, 0, Start, null, left);

    private static string Text(JsonObject card, string id) => CardJson.ById(card, id)["text"]!.GetValue<string>();

    private static Dictionary<string, string> Facts(JsonObject card) =>
        CardJson.ById(card, "summary")["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
}
