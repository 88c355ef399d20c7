using LearningBot.OneStopShop.Escalation;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>Tickets in real table storage (Azurite): create once, change only the version that was read.</summary>
public sealed class TicketStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Actor Alex = new("alex", "Alex Morgan");
    private static readonly Actor Sam = new("sam", "Sam Patel");
    private static readonly Actor Grace = new("grace", "Grace Lewis");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T14:30:00Z");

    [Fact]
    public async Task A_ticket_is_created_once_whatever_the_number_of_submits()
    {
        var store = await NewStoreAsync();
        var id = TicketEntity.IdFor(Guid.NewGuid().ToString("N"), Alex.Key);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            store.CreateAsync(NewTicket(id, $"question {i}"), TicketHistoryEntity.For(id, "asked", Alex, Now), CancellationToken.None)));

        var created = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(created.Ticket.Question, r.Ticket.Question));
        Assert.Single(await store.HistoryAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_that_loses_the_race_is_decided_again_on_what_the_winner_wrote()
    {
        var store = await NewStoreAsync();
        var rival = new TicketStore(azurite.Storage, NullLogger<TicketStore>.Instance);
        var id = TicketEntity.IdFor(Guid.NewGuid().ToString("N"), Alex.Key);
        await store.CreateAsync(NewTicket(id, "question"), TicketHistoryEntity.For(id, "asked", Alex, Now), CancellationToken.None);
        var seen = new List<TicketStatus>();

        var change = await store.ChangeAsync(id, ticket =>
        {
            seen.Add(ticket.Status);
            if (seen.Count == 1)
            {
                // Grace assigns herself between our read and our write.
                rival.ChangeAsync(id, t => Assign(t, Grace), CancellationToken.None).GetAwaiter().GetResult();
            }

            return ticket.Status == TicketStatus.Unassigned ? Assign(ticket, Sam) : new TicketDecision.Decline($"{ticket.AssigneeName} has it");
        }, CancellationToken.None);

        Assert.Equal([TicketStatus.Unassigned, TicketStatus.Assigned], seen);
        Assert.NotNull(change);
        Assert.False(change.Changed);
        Assert.Equal("Grace Lewis has it", change.Notice);
        var stored = await store.FindAsync(id, CancellationToken.None);
        Assert.Equal("grace", stored!.AssigneeKey);
        Assert.Equal(2, stored.Version);
        var history = await store.HistoryAsync(id, CancellationToken.None);
        Assert.Equal([("asked", "Alex Morgan"), ("assigned", "Grace Lewis")], history.Select(h => (h.Action, h.ActorName)));
    }

    [Fact]
    public async Task Changing_a_ticket_that_does_not_exist_returns_null()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.ChangeAsync("LD-NONE-XXXX", t => new TicketDecision.Apply(t, null), CancellationToken.None));
    }

    [Fact]
    public async Task Lists_tickets_that_are_not_closed()
    {
        var store = await NewStoreAsync();
        var open = TicketEntity.IdFor("open-" + Guid.NewGuid(), Alex.Key);
        var closed = TicketEntity.IdFor("closed-" + Guid.NewGuid(), Alex.Key);
        await store.CreateAsync(NewTicket(open, "q1"), TicketHistoryEntity.For(open, "asked", Alex, Now), CancellationToken.None);
        await store.CreateAsync(NewTicket(closed, "q2"), TicketHistoryEntity.For(closed, "asked", Alex, Now), CancellationToken.None);
        await store.ChangeAsync(closed, t => new TicketDecision.Apply(t with { Status = TicketStatus.Closed }, null), CancellationToken.None);

        var listed = await store.ListNotClosedAsync(CancellationToken.None);

        Assert.Equal([open], listed.Select(t => t.Id));
    }

    private async Task<TicketStore> NewStoreAsync()
    {
        await azurite.Table(TicketStore.TableName).DeleteAsync();
        return new TicketStore(azurite.Storage, NullLogger<TicketStore>.Instance);
    }

    private static TicketDecision Assign(TicketEntity ticket, Actor expert) => new TicketDecision.Apply(
        ticket with { Status = TicketStatus.Assigned, AssigneeKey = expert.Key, AssigneeName = expert.Name },
        TicketHistoryEntity.For(ticket.Id, "assigned", expert, Now));

    private static TicketEntity NewTicket(string id, string question) =>
        TicketEntity.Ask(id, PersonalDataScrubber.Scrub(question, DateOnly.FromDateTime(Now.UtcDateTime)), ScrubbedText.Empty, Alex, Now, Now.AddDays(2));
}
