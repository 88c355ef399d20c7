using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;
using LearningBot.People;

namespace LearningBot.LearningDirectory.Editing;

/// <summary>The kinds of organisation whose offers someone may change: every kind, one, or none.</summary>
public sealed record EditableKinds(IReadOnlyList<string> Kinds)
{
    public static EditableKinds None { get; } = new([]);

    public static EditableKinds Every { get; } = new(OrganisationKinds.All);

    public bool IsNone => Kinds.Count == 0;

    public bool Includes(string? kind) => kind is not null && Kinds.Contains(kind, StringComparer.Ordinal);
}

/// <summary>
/// The one place that decides whose offers someone may change: the L&amp;D Support Team every offer, an organisation's
/// L&amp;D lead (an active <c>ld-lead</c> entry in the register of leads) the offers whose provider is of their kind of
/// organisation, and nobody else. Decided from who is calling, never from what a card sent back.
/// </summary>
public sealed class DirectoryEditPolicy(IRoleCheck roles, LeadRegister leads)
{
    public async Task<EditableKinds> KindsAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await roles.HoldsAsync(caller, Roles.SupportTeam, cancellationToken))
        {
            return EditableKinds.Every;
        }

        return await leads.ActiveEntryOfAsync(caller, cancellationToken) is { IsLearningLead: true } lead && OrganisationKinds.IsKnown(lead.OrganisationKind)
            ? new EditableKinds([lead.OrganisationKind])
            : EditableKinds.None;
    }
}

/// <summary>Organisations' L&amp;D leads hold <see cref="Roles.DirectoryEditor"/>: which offers each may change is <see cref="DirectoryEditPolicy"/>'s to say.</summary>
public sealed class LearningLeadDirectoryEditors(LeadRegister leads) : IRoleMembers
{
    public Role Role => Roles.DirectoryEditor;

    public async ValueTask<bool> IncludesAsync(Caller caller, CancellationToken cancellationToken) =>
        await leads.ActiveEntryOfAsync(caller, cancellationToken) is { IsLearningLead: true };
}
