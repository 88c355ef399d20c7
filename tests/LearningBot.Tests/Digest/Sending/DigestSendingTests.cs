using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.Digest;
using LearningBot.Digest.Sending;
using LearningBot.Tests.FiveMinuteReview;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Digest.Sending;

/// <summary>Scheduling and sending an edition, subscriptions and reach, through the real bot on Azurite.</summary>
public sealed class DigestSendingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly InMemoryPeopleDirectory _people = new();
    private readonly InMemoryDeliveries _deliveries = new();
    private DigestSendingHarness _first = null!;
    private DigestSendingHarness _second = null!;

    public async Task InitializeAsync()
    {
        var prefix = DigestSendingHarness.NewPrefix();
        _first = await DigestSendingHarness.StartAsync(azurite, prefix, _people, _deliveries);
        _second = await DigestSendingHarness.StartAsync(azurite, prefix, _people, _deliveries);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Theory]
    [InlineData(DigestStatus.Draft)]
    [InlineData(DigestStatus.AwaitingApproval)]
    [InlineData(DigestStatus.ChangesRequested)]
    public async Task An_unapproved_edition_cannot_be_scheduled_or_sent_even_by_a_forged_press(string status)
    {
        var edition = await _first.EditionAsync(status);
        _people.Add(TestPerson.Unique("reader", "Rae Reader").AadObjectId, "Rae Reader", null);

        var opened = await _first.PressAsync(DigestHarness.Editor, DigestVerbs.SendOpen, new JsonObject { ["number"] = edition.Number });
        var forged = await _first.ScheduleAsync(edition);
        await _first.SendDueAsync();
        await _second.SendDueAsync();

        Assert.Contains("it has not been approved", opened.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("it has not been approved", forged.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(status, (await _first.FindAsync(edition.Number)).Status);
        Assert.DoesNotContain(_deliveries.Started.ToList(), r => r.IdempotencyKey == DigestSender.IdempotencyKeyOf(edition.Number));
    }

    [Fact]
    public async Task A_scheduled_edition_is_sent_once_across_two_bot_instances()
    {
        var reader = TestPerson.Unique("reader", "Rae Reader");
        _people.Add(reader.AadObjectId, "Rae Reader", null);
        var edition = await _first.EditionAsync(DigestStatus.Approved);
        await _first.ScheduleAsync(edition);

        var claimed = await Task.WhenAll(_first.SendDueAsync(), _second.SendDueAsync(), _second.SendDueAsync());

        Assert.Equal(1, claimed.Sum());
        var started = Assert.Single(_deliveries.Started.ToList(), r => r.IdempotencyKey == DigestSender.IdempotencyKeyOf(edition.Number));
        Assert.Contains(started.Recipients, r => r.Key == reader.AadObjectId);
        var sent = await _second.FindAsync(edition.Number);
        Assert.Equal(DigestStatus.Sent, sent.Status);
        Assert.Equal(InMemoryDeliveries.IdFor(DigestSender.Purpose, DigestSender.IdempotencyKeyOf(edition.Number)), sent.DeliveryId);
        Assert.True(sent.FollowedUp);
        Assert.Contains(DigestVerbs.Read, CardJson.Verbs(CardJson.Of(started.Message)));
    }

    [Fact]
    public async Task An_edition_edited_after_it_was_scheduled_is_not_sent()
    {
        _people.Add(TestPerson.Unique("reader", "Rae Reader").AadObjectId, "Rae Reader", null);
        var edition = await _first.EditionAsync(DigestStatus.Approved);
        await _first.ScheduleAsync(edition);
        Assert.Equal(DigestStatus.Scheduled, (await _first.FindAsync(edition.Number)).Status);

        await _first.SetStatusAsync(edition.Number, DigestStatus.Draft);
        await Task.WhenAll(_first.SendDueAsync(), _second.SendDueAsync());

        Assert.Equal(DigestStatus.Draft, (await _first.FindAsync(edition.Number)).Status);
        Assert.DoesNotContain(_deliveries.Started.ToList(), r => r.IdempotencyKey == DigestSender.IdempotencyKeyOf(edition.Number));
    }

    [Fact]
    public async Task Unsubscribed_people_are_skipped_and_people_who_subscribe_again_get_it()
    {
        var stays = TestPerson.Unique("stays", "Sid Stays");
        var leaves = TestPerson.Unique("leaves", "Lou Leaves");
        _people.Add(stays.AadObjectId, stays.Name, null);
        _people.Add(leaves.AadObjectId, leaves.Name, null);

        var answer = await _first.TypeAsync(leaves, "unsubscribe digest");
        Assert.Contains("subscribe digest", answer, StringComparison.Ordinal);
        await _first.TypeAsync(leaves, "unsubscribe digest");
        var first = await _first.EditionAsync(DigestStatus.Approved);
        await _first.ScheduleAsync(first);
        await _first.SendDueAsync();

        await _second.TypeAsync(leaves, "subscribe digest");
        var second = await _first.EditionAsync(DigestStatus.Approved);
        await _first.ScheduleAsync(second);
        await _second.SendDueAsync();

        var recipientsOfFirst = _deliveries.Started.ToList().Single(r => r.IdempotencyKey == DigestSender.IdempotencyKeyOf(first.Number)).Recipients;
        var recipientsOfSecond = _deliveries.Started.ToList().Single(r => r.IdempotencyKey == DigestSender.IdempotencyKeyOf(second.Number)).Recipients;
        Assert.Contains(recipientsOfFirst, r => r.Key == stays.AadObjectId);
        Assert.DoesNotContain(recipientsOfFirst, r => r.Key == leaves.AadObjectId);
        Assert.Contains(recipientsOfSecond, r => r.Key == leaves.AadObjectId);
    }

    [Fact]
    public async Task Reach_figures_below_5_are_shown_as_fewer_than_5()
    {
        var readers = Enumerable.Range(1, 3).Select(i => TestPerson.Unique($"reader{i}", $"Rae Reader {i}")).ToList();
        foreach (var reader in readers)
        {
            _people.Add(reader.AadObjectId, reader.Name, null);
        }

        var edition = await _first.EditionAsync(DigestStatus.Approved);
        await _first.ScheduleAsync(edition);
        await _first.SendDueAsync();
        foreach (var reader in readers)
        {
            var read = await _second.PressAsync(reader, DigestVerbs.Read, new JsonObject { ["number"] = edition.Number });
            Assert.Contains("Course 1 at the Harbour Lane hub", read.ToJsonString(), StringComparison.Ordinal);
        }

        var report = await _first.TypeAsync(DigestHarness.Editor, $"digest reach {edition.Number}");

        Assert.Contains("Voluntary sector: fewer than 5", report, StringComparison.Ordinal);
        Assert.Contains("Sent to: fewer than 5", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Voluntary sector: 3", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reach_never_shows_sent_and_delivered_so_that_fewer_than_5_undelivered_can_be_worked_out()
    {
        var edition = await _first.EditionAsync(DigestStatus.Approved);
        await _first.ScheduleAsync(edition);
        await _first.SendDueAsync();
        var deliveryId = (await _first.FindAsync(edition.Number)).DeliveryId;
        var progress = await _deliveries.GetProgressAsync(deliveryId, CancellationToken.None);
        _deliveries.Set(progress! with { Status = DeliveryStatuses.Completed, Total = 1200, Sent = 1197, Unreachable = 3, FinishedAt = DigestSendingHarness.Now });

        var report = await _first.TypeAsync(DigestHarness.Editor, $"digest reach {edition.Number}");

        Assert.Contains("Sent to: 1,200", report, StringComparison.Ordinal);
        Assert.Contains("Delivered: more than 1,195 of 1,200 people and channels", report, StringComparison.Ordinal);
        Assert.DoesNotContain("1,197", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_in_the_past_is_refused()
    {
        var edition = await _first.EditionAsync(DigestStatus.Approved);

        var answer = await _first.ScheduleAsync(edition, when: "later", date: "2026-12-01", time: "09:00");

        Assert.Contains("That time has already passed", answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(DigestStatus.Approved, (await _first.FindAsync(edition.Number)).Status);
    }

    [Theory]
    [InlineData("2027-12-03")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2027-02-29")]
    [InlineData("2027-01-05T09:00:00Z")]
    [InlineData("2027-01-05+01:00")]
    public async Task A_date_not_from_today_to_a_year_ahead_comes_back_marked_and_nothing_is_scheduled(string date)
    {
        var edition = await _first.EditionAsync(DigestStatus.Approved);

        var card = CardJson.FromInvoke(await _first.ScheduleAsync(edition, when: "later", date: date, time: "09:00"));

        Assert.Equal("Please choose a date from today to a year ahead.", CardJson.ById(card, "date-problem")["text"]!.GetValue<string>());
        var stored = await _first.FindAsync(edition.Number);
        Assert.Equal((DigestStatus.Approved, null), (stored.Status, stored.SendAt));
    }

    [Fact]
    public async Task A_date_sent_as_a_number_is_marked_as_unreadable_and_nothing_is_scheduled()
    {
        var edition = await _first.EditionAsync(DigestStatus.Approved);

        var card = CardJson.FromInvoke(await _first.PressAsync(DigestHarness.Editor, DigestVerbs.Schedule, new JsonObject
        {
            ["number"] = edition.Number, ["version"] = edition.Version, ["everyone"] = "false", ["kinds"] = "voluntary-sector",
            ["when"] = "later", ["date"] = 20270105, ["time"] = "09:00",
        }));

        Assert.Contains("could not be read", CardJson.ById(card, "date-problem")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DigestStatus.Approved, (await _first.FindAsync(edition.Number)).Status);
    }

    [Fact]
    public async Task The_send_card_shows_the_days_an_edition_may_be_scheduled_and_the_last_one_is_taken()
    {
        var edition = await _first.EditionAsync(DigestStatus.Approved);

        var opened = CardJson.FromInvoke(await _first.PressAsync(DigestHarness.Editor, DigestVerbs.SendOpen, new JsonObject { ["number"] = edition.Number }));
        await _first.ScheduleAsync(edition, when: "later", date: "2027-12-02", time: "09:00");

        var date = CardJson.ById(opened, "date");
        Assert.Equal(("2026-12-02", "2027-12-02"), (date["min"]!.GetValue<string>(), date["max"]!.GetValue<string>()));
        var stored = await _first.FindAsync(edition.Number);
        Assert.Equal(DigestStatus.Scheduled, stored.Status);
        Assert.Equal(new DateTimeOffset(2027, 12, 2, 9, 0, 0, TimeSpan.Zero), stored.SendAt);
    }

    [Fact]
    public void A_date_more_than_a_year_ahead_is_refused_in_words_even_without_the_card()
    {
        var answers = new DigestSendAnswers("true", string.Empty, string.Empty, "later", "2028-01-01", "09:00");

        var (_, problem) = DigestScheduling.When(answers, DigestSendingHarness.Now);

        Assert.Equal("Choose a date from 2 December 2026 to 2 December 2027: an edition can be scheduled up to a year ahead.", problem);
    }

    [Fact]
    public async Task Only_a_sent_edition_can_be_read_from_its_card()
    {
        var edition = await _first.EditionAsync(DigestStatus.Approved);

        var read = await _first.PressAsync(TestPerson.Unique("reader", "Rae Reader"), DigestVerbs.Read, new JsonObject { ["number"] = edition.Number });

        Assert.Contains("gone out yet", read.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edition_claimed_by_an_instance_that_stopped_before_starting_its_delivery_is_sent_once_by_another()
    {
        var reader = TestPerson.Unique("reader", "Rae Reader");
        _people.Add(reader.AadObjectId, reader.Name, null);
        var edition = await _first.EditionAsync(DigestStatus.Approved);
        var audience = new DigestAudience(false, [], ["voluntary-sector"]).ToJson();
        await _first.Editions.ChangeAsync(edition.Number, DigestSender.Job, current => new DigestEditionChange(
            current.Changed("test", DigestSendingHarness.Now) with
            {
                Status = DigestStatus.Sent, Audience = audience, SentAt = DigestSendingHarness.Now.AddMinutes(-10), ScheduledBy = DigestHarness.Editor.AadObjectId,
            }, DigestSendingAudit.Sent, "Claimed, then the instance stopped (test)."), CancellationToken.None);

        await Task.WhenAll(_second.SendDueAsync(), _first.SendDueAsync());
        await _second.SendDueAsync();

        var started = Assert.Single(_deliveries.Started.ToList(), r => r.IdempotencyKey == DigestSender.IdempotencyKeyOf(edition.Number));
        Assert.Contains(started.Recipients, r => r.Key == reader.AadObjectId);
        var finished = await _first.FindAsync(edition.Number);
        Assert.NotEmpty(finished.DeliveryId);
        Assert.True(finished.FollowedUp);
    }
}
