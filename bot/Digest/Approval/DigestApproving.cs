using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Privacy;

namespace LearningBot.Digest.Approval;

/// <summary>
/// Four eyes before anything is sent. The editor sends an edition for approval; the request card goes 1:1 to each approver
/// (<see cref="DigestApprovers.RecipientsAsync"/>) through the delivery engine, one delivery per person and version sent, so
/// a second press never sends twice. Approve and Request changes are decided from the caller's roles, the register of
/// leads and the audit trail, never from the card; each is applied only to the version the card showed, through
/// <see cref="DigestEditionStore.ChangeAsync"/>, so it is audited with who and when.
/// </summary>
public sealed class DigestApproving(
    DigestEditionStore store, DigestApprovers approvers, DigestApprovalCards approvalCards, DigestCards cards, IDeliveries deliveries, TimeProvider clock)
{
    public const string RequestPurpose = "digest-approval";
    public const string NewsPurpose = "digest-approval-news";
    public const string RequestedBy = "digest";

    public const string NotAnApprover =
        "Sorry, only the people who approve newsletter digests, and organisations' L&D leads for their own organisation's items, can approve an edition or ask for changes.";

    public const string FourEyes =
        "Sorry, you can't approve this edition or ask for changes to it: you started it or changed it, so a second person must check it. Nothing was changed.";

    public const string NothingForYou =
        "Sorry, this edition has no items for your organisation, so there is nothing for you to approve. Nothing was changed.";

    public const string Stale = "The edition changed since this was sent — here is the latest.";

    public const string NoApprovers =
        "There is nobody to send it to: nobody other than you and the people who changed it approves digests. Ask the L&D Support Team to name who approves digests. Nothing was sent.";

    public const string Gone = "I can't find that edition.";

    /// <summary>The editor's "Send for approval": from a draft or an edition sent back, at the version their card showed.</summary>
    public async Task<CardActionResult> SendAsync(ITurnContext turn, CardActionRequest action)
    {
        var number = action.GetInt("number") ?? 0;
        var shown = action.GetInt("version") ?? 0;
        var page = action.GetInt("page") ?? 1;
        var edition = await store.FindAsync(number, turn.Aborted);
        if (edition is null)
        {
            return CardActionResult.Message(DigestEditing.Gone);
        }

        var press = $"{action.Verb}|{shown}";
        if (edition.Version != shown)
        {
            return edition.LastPress == press
                ? await SentAsync(edition, turn.Aborted)
                : CardActionResult.Replace(cards.Edition(edition, page, DigestEditing.ConflictNote));
        }

        if (!DigestStatus.IsEditable(edition.Status))
        {
            return CardActionResult.Replace(cards.Edition(edition, page, $"{edition.Title} is {edition.Status.Replace('-', ' ')}, so it was not sent for approval again."));
        }

        var recipients = await approvers.RecipientsAsync(edition, await approvers.ChangersAsync(edition, turn.Aborted), turn.Aborted);
        if (recipients.Count == 0)
        {
            return CardActionResult.Replace(cards.Edition(edition, page, NoApprovers));
        }

        var now = clock.GetUtcNow();
        var caller = turn.Caller;
        var change = await store.ChangeAsync(number, caller.PersonKey ?? "unknown", current =>
        {
            if (current.Version != shown || !DigestStatus.IsEditable(current.Status))
            {
                return null;
            }

            var next = current.Changed(press, now);
            var record = DigestApprovalRecord.Requested(next.Version, caller.PersonKey ?? string.Empty, caller.DisplayName, now, [.. recipients.Select(r => r.Name).Distinct(StringComparer.Ordinal)]);
            return new DigestEditionChange(
                next with { Status = DigestStatus.AwaitingApproval, ApprovalJson = record.ToJson(), ApprovedVersion = 0 },
                DigestApprovalActions.SentForApproval,
                $"Sent for approval to {recipients.Count} {(recipients.Count == 1 ? "person" : "people")} ({string.Join(", ", recipients.Select(r => DigestApprovers.ScopeTitle(r.Scope)).Distinct(StringComparer.Ordinal))}).");
        }, turn.Aborted);

        if (change is null)
        {
            return CardActionResult.Message(DigestEditing.Gone);
        }

        return change.Changed || change.Entity.LastPress == press
            ? await SentAsync(change.Entity, turn.Aborted)
            : CardActionResult.Replace(cards.Edition(change.Entity, page, DigestEditing.ConflictNote));
    }

    /// <summary>
    /// <c>approve digest 7</c>: the approval card, for an approver the request card did not reach (a member of an
    /// approvers' group, whom the bot cannot list) or who lost it. Without a number, the latest edition.
    /// </summary>
    public async Task ShowAsync(ITurnContext turn, string argument)
    {
        var scopes = await approvers.ScopesOfAsync(turn.Caller, turn.Aborted);
        if (!scopes.MayDecide)
        {
            await turn.SendTextAsync(NotAnApprover);
            return;
        }

        var edition = int.TryParse(argument.Trim().TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? await store.FindAsync(number, turn.Aborted)
            : argument.Trim().Length == 0 ? await store.LatestAsync(turn.Aborted) : null;
        if (edition is null)
        {
            await turn.SendTextAsync(Gone);
            return;
        }

        await turn.SendCardAsync(approvalCards.Request(edition, DigestApprovers.Covering(scopes, edition, await approvers.KindsWithLeadAsync(turn.Aborted))));
    }

    public Task<CardActionResult> ApproveAsync(ITurnContext turn, CardActionRequest action) => DecideAsync(turn, action, approving: true);

    public Task<CardActionResult> RequestChangesAsync(ITurnContext turn, CardActionRequest action) => DecideAsync(turn, action, approving: false);

    /// <summary>
    /// Sends the request card to every recipient (again, after a double press or a crash: each delivery's idempotency key
    /// is the edition, the version sent and the person, so nobody gets it twice) and answers with the editor's card.
    /// </summary>
    private async Task<CardActionResult> SentAsync(DigestEdition edition, CancellationToken cancellationToken)
    {
        if (edition.Status == DigestStatus.AwaitingApproval)
        {
            var record = DigestApprovalRecord.Of(edition);
            var changers = await approvers.ChangersAsync(edition, cancellationToken);
            var kindsWithLead = await approvers.KindsWithLeadAsync(cancellationToken);
            foreach (var recipient in await approvers.RecipientsAsync(edition, changers, cancellationToken))
            {
                var scopes = recipient.Scope == DigestApprovalRecord.Everyone
                    ? DigestApprovers.Covering(new(true, string.Empty), edition, kindsWithLead)
                    : [recipient.Scope];
                await deliveries.StartAsync(new DeliveryRequest(
                    RequestPurpose,
                    $"{edition.Number}|{record.RequestedVersion}|{recipient.PersonKey}",
                    RequestedBy,
                    ProactiveMessenger.CardMessage(CardFit.Choose(approvalCards.Request(edition, scopes))) with { Summary = $"{edition.Title} of the learning digest is waiting for your approval" },
                    [DeliveryRecipient.Person(recipient.PersonKey)]), cancellationToken);
            }
        }

        return CardActionResult.Update(cards.Edition(edition));
    }

    private async Task<CardActionResult> DecideAsync(ITurnContext turn, CardActionRequest action, bool approving)
    {
        var caller = turn.Caller;
        var scopes = await approvers.ScopesOfAsync(caller, turn.Aborted);
        if (!scopes.MayDecide)
        {
            return CardActionResult.Message(NotAnApprover);
        }

        var number = action.GetInt("number") ?? 0;
        var shown = action.GetInt("version") ?? 0;
        var edition = await store.FindAsync(number, turn.Aborted);
        if (edition is null)
        {
            return CardActionResult.Message(Gone);
        }

        if (DigestApprovers.IsAmong(caller, await approvers.ChangersAsync(edition, turn.Aborted)))
        {
            return CardActionResult.Message(FourEyes);
        }

        var kindsWithLead = await approvers.KindsWithLeadAsync(turn.Aborted);
        var covering = DigestApprovers.Covering(scopes, edition, kindsWithLead);
        if (covering.Count == 0)
        {
            return CardActionResult.Message(NothingForYou);
        }

        ScrubbedText? comment = null;
        if (!approving)
        {
            var shownCard = approvalCards.Request(edition, covering).Card;
            if (CardSubmission.Refusal(shownCard, action.Submitted()) is { } refusal)
            {
                return refusal;
            }

            comment = PersonalDataScrubber.Scrub((action.GetString("comment") ?? string.Empty).Trim(), UkTime.Today(clock));
            if (comment.WasScrubbed)
            {
                return CardActionResult.Replace(approvalCards.Request(edition, covering,
                    notice: "Nothing was sent yet: I took out what could identify someone. Check the comment below and press Request changes again.",
                    comment: comment.Text, removed: PersonalDataScrubber.DescribeAll(comment.Removed)));
            }
        }

        var now = clock.GetUtcNow();
        var press = $"{action.Verb}|{shown}|{caller.PersonKey}";
        var stale = false;
        var change = await store.ChangeAsync(number, caller.PersonKey ?? "unknown", current =>
        {
            var record = DigestApprovalRecord.Of(current);
            if (record.RequestedVersion != shown || current.Status is not (DigestStatus.AwaitingApproval or DigestStatus.Approved or DigestStatus.ChangesRequested))
            {
                stale = current.LastPress != press;
                return null;
            }

            if (current.Status != DigestStatus.AwaitingApproval)
            {
                // Decided already (by this press before, or by someone else): nothing more to change. Stale when the
                // editor has changed it since changes were asked for.
                stale = !IsDecision(current.LastPress);
                return null;
            }

            return approving ? Approve(current, record, covering, caller, press, now) : ChangesRequested(current, record, comment!, caller, press, now);
        }, turn.Aborted);

        if (change is null)
        {
            return CardActionResult.Message(Gone);
        }

        var latest = change.Entity;
        if (change.Changed || latest.LastPress == press)
        {
            // Again on the same press repeated: the delivery's key (edition, version, status) sends it once, and a press
            // after a failure between the change and the telling still tells.
            await TellEditorAsync(latest, turn.Aborted);
        }

        var latestCovering = DigestApprovers.Covering(scopes, latest, kindsWithLead);
        return CardActionResult.Update(stale
            ? approvalCards.Request(latest, latestCovering, notice: Stale)
            : approvalCards.Request(latest, latestCovering));
    }

    private static bool IsDecision(string press) =>
        press.StartsWith(DigestVerbs.Approve + "|", StringComparison.Ordinal) || press.StartsWith(DigestVerbs.RequestChanges + "|", StringComparison.Ordinal);

    private static DigestEditionChange? Approve(DigestEdition current, DigestApprovalRecord record, IReadOnlyList<string> covering, Caller caller, string press, DateTimeOffset now)
    {
        var newScopes = covering.Where(scope => !record.Covers(scope)).ToList();
        if (newScopes.Count == 0)
        {
            return null;
        }

        var approved = record.WithApprovals(newScopes.Select(scope => new DigestApprovalMark(scope, caller.PersonKey ?? string.Empty, caller.DisplayName, now)));
        var complete = DigestApprovers.Required(current).All(approved.Covers);
        var next = current.Changed(press, now);
        return new DigestEditionChange(
            next with
            {
                ApprovalJson = approved.ToJson(),
                Status = complete ? DigestStatus.Approved : DigestStatus.AwaitingApproval,
                ApprovedVersion = complete ? next.Version : 0,
            },
            DigestApprovalActions.Approved,
            $"Approved {string.Join(" and ", newScopes.Select(DigestApprovers.ScopeTitle))}." + (complete ? " The edition is approved." : string.Empty));
    }

    private static DigestEditionChange ChangesRequested(DigestEdition current, DigestApprovalRecord record, ScrubbedText comment, Caller caller, string press, DateTimeOffset now) =>
        new(
            current.Changed(press, now) with
            {
                Status = DigestStatus.ChangesRequested,
                ApprovalJson = record.WithChangesRequested(caller.PersonKey ?? string.Empty, caller.DisplayName, now, comment).ToJson(),
                ApprovedVersion = 0,
            },
            DigestApprovalActions.ChangesRequested,
            "Asked for changes (the comment is kept with the edition).");

    /// <summary>Tells the editor the edition was approved, or that changes were asked for; once per version reached.</summary>
    private async Task TellEditorAsync(DigestEdition edition, CancellationToken cancellationToken)
    {
        JsonObject? card = edition.Status switch
        {
            DigestStatus.Approved => approvalCards.Approved(edition),
            DigestStatus.ChangesRequested => approvalCards.ChangesRequested(edition),
            _ => null,
        };
        if (card is null)
        {
            return;
        }

        await deliveries.StartAsync(new DeliveryRequest(
            NewsPurpose,
            $"{edition.Number}|{edition.Version}|{edition.Status}",
            RequestedBy,
            ProactiveMessenger.CardMessage(card) with { Summary = edition.Status == DigestStatus.Approved ? $"{edition.Title} is approved" : $"Changes requested to {edition.Title}" },
            [DeliveryRecipient.Person(edition.EditorKey)]), cancellationToken);
    }
}

/// <summary>The audit actions of approval.</summary>
public static class DigestApprovalActions
{
    public const string SentForApproval = "sent-for-approval";
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";
}
