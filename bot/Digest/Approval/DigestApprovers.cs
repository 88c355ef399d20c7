using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.People;
using Microsoft.Extensions.Options;

namespace LearningBot.Digest.Approval;

/// <summary>What a person may approve: the whole edition (a digest approver), and the items of their own organisation kind (its L&amp;D lead).</summary>
public sealed record DigestApproverScopes(bool IsApprover, string LeadKind)
{
    public bool MayDecide => IsApprover || LeadKind.Length > 0;
}

/// <summary>One person an approval request goes to, and what they are asked to approve.</summary>
public sealed record DigestApprovalRecipient(string PersonKey, string Name, string Scope);

/// <summary>
/// Who approves an edition, decided from the roles, the register of leads and the edition's audit trail, never from a card:
/// digest approvers (<see cref="Roles.DigestApprover"/>) approve the edition; each organisation kind's L&amp;D lead (an
/// active <see cref="LeadEntry.IsLearningLead"/> entry) approves the items for that kind, and where the register has no
/// such lead, a digest approver does. Nobody approves an edition they started or changed (four eyes).
/// </summary>
public sealed class DigestApprovers(
    IRoleCheck roles,
    LeadRegister leads,
    IOptionsMonitor<RoleOptions> roleOptions,
    IPeopleDirectory people,
    ConversationReferenceStore conversations,
    DigestEditionStore store)
{
    /// <summary>Audit actions that change the contents: whoever did one of these may not approve.</summary>
    public static IReadOnlySet<string> ContentActions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DigestAuditActions.Created, DigestAuditActions.Moved, DigestAuditActions.Edited, DigestAuditActions.Removed, DigestAuditActions.Added,
    };

    public async Task<DigestApproverScopes> ScopesOfAsync(Caller caller, CancellationToken cancellationToken)
    {
        var isApprover = await roles.HoldsAsync(caller, Roles.DigestApprover, cancellationToken);
        var lead = caller.IsKnown ? await leads.ActiveEntryOfAsync(caller, cancellationToken) : null;
        return new(isApprover, lead is { IsLearningLead: true, OrganisationKind.Length: > 0 } ? lead.OrganisationKind : string.Empty);
    }

    /// <summary>The person keys of the editor and of everyone who changed the contents, from the audit trail.</summary>
    public async Task<IReadOnlySet<string>> ChangersAsync(DigestEdition edition, CancellationToken cancellationToken)
    {
        var audit = await store.AuditAsync(edition.Number, cancellationToken);
        return audit.Where(line => ContentActions.Contains(line.Action)).Select(line => line.Who).Append(edition.EditorKey)
            .Where(key => key.Length > 0).Select(LeadEntry.Normalise).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public static bool IsAmong(Caller caller, IReadOnlySet<string> keys) =>
        new[] { caller.PersonKey, caller.AadObjectId, caller.TeamsId }.OfType<string>().Any(key => keys.Contains(LeadEntry.Normalise(key)));

    /// <summary>The organisation kinds the edition has items for, in a stable order.</summary>
    public static IReadOnlyList<string> KindsWithItems(DigestEdition edition) =>
        [.. edition.Items.Select(item => item.OrganisationKind).Where(kind => kind.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>What must be approved before the edition is: the edition as a whole, and each organisation kind it has items for.</summary>
    public static IReadOnlyList<string> Required(DigestEdition edition) => [DigestApprovalRecord.Everyone, .. KindsWithItems(edition)];

    /// <summary>The organisation kinds that have an active L&amp;D lead in the register.</summary>
    public async Task<IReadOnlySet<string>> KindsWithLeadAsync(CancellationToken cancellationToken) =>
        (await LearningLeadsAsync(cancellationToken)).Select(lead => lead.OrganisationKind).ToHashSet(StringComparer.Ordinal);

    /// <summary>What a press by someone with <paramref name="scopes"/> approves in <paramref name="edition"/>.</summary>
    public static IReadOnlyList<string> Covering(DigestApproverScopes scopes, DigestEdition edition, IReadOnlySet<string> kindsWithLead)
    {
        var kinds = KindsWithItems(edition);
        var covered = new List<string>();
        if (scopes.IsApprover)
        {
            covered.Add(DigestApprovalRecord.Everyone);
            covered.AddRange(kinds.Where(kind => !kindsWithLead.Contains(kind)));
        }

        if (scopes.LeadKind.Length > 0 && kinds.Contains(scopes.LeadKind) && !covered.Contains(scopes.LeadKind))
        {
            covered.Add(scopes.LeadKind);
        }

        return covered;
    }

    /// <summary>
    /// Who the request goes to: the digest approvers listed by id in <c>Roles:DigestApprovers</c>, and the L&amp;D leads of
    /// the organisation kinds the edition has items for, leaving out <paramref name="changers"/>.
    /// </summary>
    public async Task<IReadOnlyList<DigestApprovalRecipient>> RecipientsAsync(DigestEdition edition, IReadOnlySet<string> changers, CancellationToken cancellationToken)
    {
        var recipients = new List<DigestApprovalRecipient>();
        foreach (var key in roleOptions.CurrentValue.ListFor(Roles.DigestApprover).Select(id => LeadEntry.Normalise(id)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!changers.Contains(key))
            {
                recipients.Add(new(key, await NameOfAsync(key, cancellationToken), DigestApprovalRecord.Everyone));
            }
        }

        var kinds = KindsWithItems(edition);
        foreach (var lead in await LearningLeadsAsync(cancellationToken))
        {
            if (kinds.Contains(lead.OrganisationKind) && !changers.Contains(lead.PersonKey) && recipients.All(r => !string.Equals(r.PersonKey, lead.PersonKey, StringComparison.OrdinalIgnoreCase)))
            {
                recipients.Add(new(lead.PersonKey, lead.Name, lead.OrganisationKind));
            }
        }

        return recipients;
    }

    public const string UnknownName = "a digest approver";

    /// <summary>
    /// A person's name from the people directory, else the name Teams gave with their 1:1 chat with the bot;
    /// <see cref="UnknownName"/> when neither knows them.
    /// </summary>
    public async Task<string> NameOfAsync(string personKey, CancellationToken cancellationToken) =>
        await people.GetPersonAsync(personKey, cancellationToken) is { DisplayName.Length: > 0 } person ? person.DisplayName
        : await conversations.FindPersonalChatAsync(personKey, cancellationToken) is { User.Name: { Length: > 0 } name } ? name
        : UnknownName;

    public static string ScopeTitle(string scope) =>
        scope == DigestApprovalRecord.Everyone ? "the whole edition" : $"the items for {SignalChoices.OrganisationKinds.TitleOf(scope)}";

    private async Task<IReadOnlyList<LeadEntry>> LearningLeadsAsync(CancellationToken cancellationToken) =>
        [.. (await leads.ListAsync(cancellationToken)).Where(lead => lead is { Retired: false, IsLearningLead: true, OrganisationKind.Length: > 0 })];
}
