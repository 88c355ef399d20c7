using LearningBot.Digest;
using LearningBot.Digest.Approval;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Digest.Approval.ApprovalHarness;

namespace LearningBot.Tests.Digest.Approval;

/// <summary>
/// Approval through the real pipeline: sent for approval, approved or sent back with a comment, by someone other than the
/// editor (four eyes), with organisation items approved by their L&amp;D lead; a change after approval needs approval again.
/// </summary>
public sealed class DigestApprovalTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_editor_who_is_also_an_approver_is_refused_and_nothing_changes()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.DraftAsync(EditorWhoApproves, DigestCards.Everyone);
        await hub.PressAsync(EditorWhoApproves, card, DigestVerbs.SendForApproval);
        Assert.Empty(hub.ApprovalCardsFor(EditorWhoApproves));
        var request = Assert.Single(hub.ApprovalCardsFor(Approver));
        var before = await hub.EditionAsync();

        var answer = await hub.PressForAnswerAsync(EditorWhoApproves, request, DigestVerbs.Approve);
        var changes = await hub.PressForAnswerAsync(EditorWhoApproves, request, DigestVerbs.RequestChanges, Comment("Looks fine to me."));

        Assert.Equal(DigestApproving.FourEyes, CardJson.MessageFromInvoke(answer));
        Assert.Equal(DigestApproving.FourEyes, CardJson.MessageFromInvoke(changes));
        var after = await hub.EditionAsync();
        Assert.Equal((DigestStatus.AwaitingApproval, before.Version, before.ApprovalJson), (after.Status, after.Version, after.ApprovalJson));
        Assert.DoesNotContain(await hub.AuditAsync(), line => line.Action == DigestApprovalActions.Approved);
    }

    [Fact]
    public async Task An_approver_who_changed_an_item_is_refused_even_when_someone_else_started_the_edition()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.DraftAsync(Editor, DigestCards.Everyone);
        card = await hub.AddAsync(EditorWhoApproves, card, "A second item added by another editor");
        await hub.PressAsync(Editor, card, DigestVerbs.SendForApproval);
        Assert.Empty(hub.ApprovalCardsFor(EditorWhoApproves));

        var answer = await hub.PressForAnswerAsync(EditorWhoApproves, Assert.Single(hub.ApprovalCardsFor(Approver)), DigestVerbs.Approve);

        Assert.Equal(DigestApproving.FourEyes, CardJson.MessageFromInvoke(answer));
        Assert.Equal(DigestStatus.AwaitingApproval, (await hub.EditionAsync()).Status);
    }

    [Fact]
    public async Task Someone_without_the_approver_role_is_refused_and_nothing_changes()
    {
        await using var hub = await StartAsync(azurite);
        var (card, request) = await hub.SentForApprovalAsync();
        var colleague = TestPerson.Unique("colleague", "Kim Hart");
        var before = await hub.EditionAsync();

        var answer = await hub.PressForAnswerAsync(colleague, request, DigestVerbs.Approve);
        var sending = await hub.PressForAnswerAsync(colleague, card, DigestVerbs.SendForApproval);

        Assert.Equal(DigestApproving.NotAnApprover, CardJson.MessageFromInvoke(answer));
        Assert.Equal(DigestFeature.OnlyEditors, CardJson.MessageFromInvoke(sending));
        Assert.Equal(before.Version, (await hub.EditionAsync()).Version);
        Assert.Equal(before.Version, (await hub.AuditAsync()).Count);
    }

    [Fact]
    public async Task Approving_approves_the_edition_audits_who_and_when_and_tells_the_editor()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.DraftAsync(Editor, DigestCards.Everyone);
        var waiting = await hub.PressAsync(Editor, card, DigestVerbs.SendForApproval);
        Assert.Contains("Waiting for approval from Ana Patel", CardJson.Texts(waiting), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(waiting, DigestVerbs.Add));
        var request = Assert.Single(hub.ApprovalCardsFor(Approver));
        Assert.Contains("Sent for approval by Dee Cole.", CardJson.Texts(request), StringComparison.Ordinal);
        Assert.Contains("Learning set for everyone", CardJson.Texts(request), StringComparison.Ordinal);

        var answer = await hub.PressAsync(Approver, request, DigestVerbs.Approve);

        var edition = await hub.EditionAsync();
        Assert.Equal((DigestStatus.Approved, edition.Version), (edition.Status, edition.ApprovedVersion));
        Assert.Contains("Approved by Ana Patel on 2 December 2026.", CardJson.Texts(answer), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(answer, DigestVerbs.Approve));
        var line = (await hub.AuditAsync()).Last();
        Assert.Equal((DigestApprovalActions.Approved, Approver.AadObjectId, DateTimeOffset.Parse("2026-12-02T14:30:00Z")), (line.Action, line.Who, line.When));
        Assert.Contains("The edition is approved.", line.What, StringComparison.Ordinal);
        var news = Assert.Single(hub.NewsFor(Editor));
        Assert.Contains("Edition 1 is approved", CardJson.Texts(news), StringComparison.Ordinal);
        Assert.Single(CardJson.Actions(news, DigestVerbs.Open));
    }

    [Fact]
    public async Task Requesting_changes_needs_a_comment_tells_the_editor_and_makes_the_edition_editable_again()
    {
        await using var hub = await StartAsync(azurite);
        var (_, request) = await hub.SentForApprovalAsync();

        var empty = await hub.PressAsync(Approver, request, DigestVerbs.RequestChanges, Comment(""));
        Assert.Contains("Please say what needs to change", CardJson.Texts(empty), StringComparison.Ordinal);
        Assert.Equal(DigestStatus.AwaitingApproval, (await hub.EditionAsync()).Status);

        var scrubbed = await hub.PressAsync(Approver, request, DigestVerbs.RequestChanges, Comment("Ring Jo on 07700 900123 about the dates."));
        Assert.Equal(DigestStatus.AwaitingApproval, (await hub.EditionAsync()).Status);
        Assert.DoesNotContain("07700", CardJson.ById(scrubbed, "comment")["value"]!.GetValue<string>(), StringComparison.Ordinal);

        await hub.PressAsync(Approver, request, DigestVerbs.RequestChanges, Comment("Please add the closing date for the learning set."));

        var edition = await hub.EditionAsync();
        Assert.Equal(DigestStatus.ChangesRequested, edition.Status);
        Assert.Equal(DigestApprovalActions.ChangesRequested, (await hub.AuditAsync()).Last().Action);
        var news = Assert.Single(hub.NewsFor(Editor));
        Assert.Contains("Please add the closing date for the learning set.", CardJson.Texts(news), StringComparison.Ordinal);
        Assert.Single(CardJson.Actions(news, DigestVerbs.Open));

        var opened = await hub.PressAsync(Editor, news, DigestVerbs.Open);
        Assert.Contains("Changes requested by Ana Patel: Please add the closing date for the learning set.", CardJson.Texts(opened), StringComparison.Ordinal);
        var edited = await hub.AddAsync(Editor, opened, "Learning set closes on 31 January");
        Assert.Equal(2, (await hub.EditionAsync()).Items.Count(item => item.Kind == DigestItemKinds.TeamItem));

        var late = await hub.PressAsync(Approver, request, DigestVerbs.Approve);
        Assert.Contains(DigestApproving.Stale, CardJson.Texts(late), StringComparison.Ordinal);
        Assert.Equal(DigestStatus.ChangesRequested, (await hub.EditionAsync()).Status);
        Assert.Single(hub.NewsFor(Editor));

        await hub.PressAsync(Editor, edited, DigestVerbs.SendForApproval);
        Assert.Equal(2, hub.ApprovalCardsFor(Approver).Count);
        Assert.Equal(DigestStatus.AwaitingApproval, (await hub.EditionAsync()).Status);
    }

    [Fact]
    public async Task An_edition_changed_after_approval_is_back_to_draft_and_must_be_approved_again()
    {
        await using var hub = await StartAsync(azurite);
        var (_, request) = await hub.SentForApprovalAsync();
        await hub.PressAsync(Approver, request, DigestVerbs.Approve);
        var approved = await hub.EditorsCardAsync(Editor);
        Assert.Contains("Approved by Ana Patel", CardJson.Texts(approved), StringComparison.Ordinal);

        var changed = await hub.AddAsync(Editor, approved, "A late addition");

        var edition = await hub.EditionAsync();
        Assert.Equal((DigestStatus.Draft, 0, string.Empty), (edition.Status, edition.ApprovedVersion, edition.ApprovalJson));
        Assert.Contains(DigestReapproval.Note, (await hub.AuditAsync()).Last().What, StringComparison.Ordinal);
        Assert.Single(CardJson.Actions(changed, DigestVerbs.SendForApproval));

        var again = await hub.PressAsync(Approver, request, DigestVerbs.Approve);

        Assert.Contains(DigestApproving.Stale, CardJson.Texts(again), StringComparison.Ordinal);
        Assert.Equal((DigestStatus.Draft, edition.Version), ((await hub.EditionAsync()).Status, (await hub.EditionAsync()).Version));

        await hub.PressAsync(Editor, changed, DigestVerbs.SendForApproval);
        await hub.PressAsync(Approver, hub.ApprovalCardsFor(Approver)[^1], DigestVerbs.Approve);
        Assert.Equal(DigestStatus.Approved, (await hub.EditionAsync()).Status);
    }

    [Fact]
    public async Task Items_for_an_organisation_need_its_L_and_D_lead_and_a_kind_without_a_lead_is_approved_by_an_approver()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.DraftAsync(Editor, DigestCards.Everyone, "voluntary-sector", "council");
        await hub.PressAsync(Editor, card, DigestVerbs.SendForApproval);
        var leadsCard = Assert.Single(hub.ApprovalCardsFor(VoluntaryLead));
        Assert.Contains("You are asked to approve the items for Voluntary sector.", CardJson.Texts(leadsCard), StringComparison.Ordinal);
        Assert.Empty(hub.ApprovalCardsFor(IndependentLead));

        await hub.PressAsync(Approver, Assert.Single(hub.ApprovalCardsFor(Approver)), DigestVerbs.Approve);
        Assert.Equal(DigestStatus.AwaitingApproval, (await hub.EditionAsync()).Status);
        Assert.Empty(hub.NewsFor(Editor));

        var otherLead = await hub.PressForAnswerAsync(IndependentLead, leadsCard, DigestVerbs.Approve);
        Assert.Equal(DigestApproving.NothingForYou, CardJson.MessageFromInvoke(otherLead));
        Assert.Equal(DigestStatus.AwaitingApproval, (await hub.EditionAsync()).Status);

        var typed = await hub.TypeAsync(VoluntaryLead, "approve digest 1");
        Assert.Contains("You are asked to approve the items for Voluntary sector.", CardJson.Texts(typed), StringComparison.Ordinal);
        await hub.PressAsync(VoluntaryLead, typed, DigestVerbs.Approve);

        var edition = await hub.EditionAsync();
        Assert.Equal(DigestStatus.Approved, edition.Status);
        var record = DigestApprovalRecord.Of(edition);
        Assert.Equal(
            [("council", Approver.AadObjectId), ("everyone", Approver.AadObjectId), ("voluntary-sector", VoluntaryLead.AadObjectId)],
            record.Approvals.Select(mark => (mark.Scope, mark.Who)).Order());
        Assert.Single(hub.NewsFor(Editor));
    }

    [Fact]
    public async Task A_press_from_an_older_version_changes_nothing_and_shows_the_latest()
    {
        await using var hub = await StartAsync(azurite);
        var (_, first) = await hub.SentForApprovalAsync();
        await hub.PressAsync(Approver, first, DigestVerbs.RequestChanges, Comment("Shorten the headline, please."));
        var edited = await hub.AddAsync(Editor, await hub.EditorsCardAsync(Editor), "Another course");
        await hub.PressAsync(Editor, edited, DigestVerbs.SendForApproval);
        var before = await hub.EditionAsync();

        var stale = await hub.PressAsync(Approver, first, DigestVerbs.Approve);

        Assert.Contains(DigestApproving.Stale, CardJson.Texts(stale), StringComparison.Ordinal);
        Assert.Contains("Another course", CardJson.Texts(stale), StringComparison.Ordinal);
        var after = await hub.EditionAsync();
        Assert.Equal((DigestStatus.AwaitingApproval, before.Version), (after.Status, after.Version));
        var latest = await hub.PressAsync(Approver, stale, DigestVerbs.Approve);
        Assert.Equal(DigestStatus.Approved, (await hub.EditionAsync()).Status);
        Assert.DoesNotContain(DigestApproving.Stale, CardJson.Texts(latest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_approve_changes_once()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.DraftAsync(Editor, DigestCards.Everyone);
        await hub.PressAsync(Editor, card, DigestVerbs.SendForApproval);
        await hub.PressAsync(Editor, card, DigestVerbs.SendForApproval);
        var request = Assert.Single(hub.ApprovalCardsFor(Approver));

        var once = await hub.PressAsync(Approver, request, DigestVerbs.Approve);
        var twice = await hub.PressAsync(Approver, request, DigestVerbs.Approve);

        Assert.Equal(1, (await hub.AuditAsync()).Count(line => line.Action == DigestApprovalActions.Approved));
        Assert.Equal(1, (await hub.AuditAsync()).Count(line => line.Action == DigestApprovalActions.SentForApproval));
        Assert.Single(hub.NewsFor(Editor));
        Assert.Equal(CardJson.Texts(once), CardJson.Texts(twice));
        Assert.DoesNotContain(DigestApproving.Stale, CardJson.Texts(twice), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_shows_who_did_what_to_editors_and_approvers_only()
    {
        await using var hub = await StartAsync(azurite);
        var card = await hub.DraftAsync(Editor, DigestCards.Everyone);
        await hub.PressAsync(Editor, card, DigestVerbs.SendForApproval);
        await hub.PressAsync(Approver, Assert.Single(hub.ApprovalCardsFor(Approver)), DigestVerbs.Approve);

        var history = await hub.TypeAsync(Approver, "digest history 1");
        var pressed = await hub.PressAsync(Editor, await hub.EditorsCardAsync(Editor), DigestVerbs.History);
        var colleague = TestPerson.Unique("colleague", "Kim Hart");
        var refused = await hub.PressForAnswerAsync(colleague, card, DigestVerbs.History);

        var texts = CardJson.Texts(history);
        Assert.Contains("Sent for approval to 2 people (the whole edition).", texts, StringComparison.Ordinal);
        Assert.Contains(": Dee Cole", texts, StringComparison.Ordinal);
        Assert.Contains(": Ana Patel", texts, StringComparison.Ordinal);
        Assert.Contains("Approved the whole edition. The edition is approved.", texts, StringComparison.Ordinal);
        Assert.Equal(texts, CardJson.Texts(pressed));
        Assert.Equal(DigestHistory.NotAllowed, CardJson.MessageFromInvoke(refused));
    }
}
