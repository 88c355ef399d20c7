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
        var id = TicketEntity.NewId();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            store.CreateAsync(NewTicket(id, $"question {i}"), TicketHistoryEntity.For(id, "asked", Alex, Now), CancellationToken.None)));

        var created = Assert.Single(results, r => r.Created);
        Assert.All(results, r => Assert.Equal(created.Ticket.Question, r.Ticket.Question));
        Assert.Single(await store.HistoryAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_repeated_submit_claims_the_same_new_id_and_the_same_token_from_someone_else_claims_another()
    {
        var store = await NewStoreAsync();
        var token = Guid.NewGuid().ToString("N");

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.ClaimIdAsync(Alex.Key, token, CancellationToken.None)));
        var someoneElses = await store.ClaimIdAsync(Sam.Key, token, CancellationToken.None);
        var anotherForm = await store.ClaimIdAsync(Alex.Key, token + "-2", CancellationToken.None);

        var id = Assert.Single(claims.Distinct());
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(3, new[] { id, someoneElses, anotherForm }.Distinct().Count());

        // A submit that stopped after its claim makes its ticket, with the claimed id, when it is repeated.
        var (ticket, created) = await store.CreateAsync(NewTicket(id, "question"), TicketHistoryEntity.For(id, "asked", Alex, Now), CancellationToken.None);
        Assert.True(created);
        Assert.Equal(id, ticket.Id);
        Assert.Equal(id, await store.ClaimIdAsync(Alex.Key, token, CancellationToken.None));
    }

    [Fact]
    public async Task A_ticket_id_that_is_already_someone_elses_is_never_returned_to_a_new_asker()
    {
        var store = await NewStoreAsync();
        var id = TicketEntity.NewId();
        await store.CreateAsync(NewTicket(id, "Alex's question"), TicketHistoryEntity.For(id, "asked", Alex, Now), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(
            NewTicket(id, "Sam's question") with { AskerKey = Sam.Key, AskerName = Sam.Name }, TicketHistoryEntity.For(id, "asked", Sam, Now), CancellationToken.None));

        var stored = await store.FindAsync(id, CancellationToken.None);
        Assert.Equal(("alex", "Alex's question"), (stored!.AskerKey, stored.Question));
    }

    [Fact]
    public async Task Submit_claims_are_not_listed_as_tickets_and_a_reference_is_stored_with_its_ticket()
    {
        var store = await NewStoreAsync();
        var id = await store.ClaimIdAsync(Alex.Key, "token", CancellationToken.None);
        await store.CreateAsync(NewTicket(id, "question"), TicketHistoryEntity.For(id, "asked", Alex, Now), CancellationToken.None);

        var listed = Assert.Single(await store.ListNotClosedAsync(CancellationToken.None));

        Assert.Equal(id, listed.Id);
        var row = await azurite.Table(TicketStore.TableName).GetEntityAsync<Azure.Data.Tables.TableEntity>(id, TicketEntity.TicketRowKey);
        Assert.Equal(TicketEntity.ReferenceFor(id), row.Value.GetString(nameof(TicketEntity.Reference)));
        Assert.Matches("^LD-[2-9A-Z]{4}-[2-9A-Z]{4}$", listed.Reference);
    }

    [Fact]
    public void A_ticket_made_before_references_existed_keeps_its_id_as_its_reference()
    {
        var legacy = new TicketEntity { PartitionKey = "LD-7KQ2-M4XD" };

        Assert.Equal("LD-7KQ2-M4XD", legacy.Reference);
        Assert.True(TicketEntity.IsWellFormedId(legacy.Id));
        Assert.False(TicketEntity.IsWellFormedId("LD-7KQ2-M4X0"));
        Assert.False(TicketEntity.IsWellFormedId("0123456789ABCDEF0123456789ABCDEF"));
    }

    [Fact]
    public async Task A_change_that_loses_the_race_is_decided_again_on_what_the_winner_wrote()
    {
        var store = await NewStoreAsync();
        var rival = new TicketStore(azurite.Storage, NullLogger<TicketStore>.Instance);
        var id = TicketEntity.NewId();
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
        var open = TicketEntity.NewId();
        var closed = TicketEntity.NewId();
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
