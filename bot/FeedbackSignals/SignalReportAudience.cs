using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;

namespace LearningBot.FeedbackSignals;

/// <summary>Who a feedback signals report is for, which decides what it shows.</summary>
public abstract record ReportAudience
{
    /// <summary>The L&amp;D Support Team: every theme, organisation kind and service area, with exact figures.</summary>
    public sealed record SupportTeam : ReportAudience;

    /// <summary>An organisation's L&amp;D lead: their own kind of organisation only, small figures left out.</summary>
    public sealed record OrganisationKind(string Kind) : ReportAudience;

    /// <summary>The board: each theme across all kinds of organisation, no service areas, small figures left out.</summary>
    public sealed record Board : ReportAudience;

    /// <summary>Whether the audience sees exact figures (only the L&amp;D Support Team does).</summary>
    public bool SeesExactFigures => this is SupportTeam;
}

/// <summary>
/// The one place that decides what a caller may see of the feedback signals report, from their roles and their entry in
/// the register of leads, never from anything a card sent back. The L&amp;D Support Team comes first, then an
/// organisation's L&amp;D lead (their own kind of organisation), then the board (aggregates); anyone else sees nothing.
/// </summary>
public sealed class SignalReportAudience(IRoleCheck roles, LeadRegister leads)
{
    public async Task<ReportAudience?> OfAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (await roles.HoldsAsync(caller, Roles.SupportTeam, cancellationToken))
        {
            return new ReportAudience.SupportTeam();
        }

        if (await leads.ActiveEntryOfAsync(caller, cancellationToken) is { IsLearningLead: true } lead)
        {
            return new ReportAudience.OrganisationKind(lead.OrganisationKind);
        }

        return await roles.HoldsAsync(caller, Roles.Board, cancellationToken) ? new ReportAudience.Board() : null;
    }
}

/// <summary>Organisations' L&amp;D leads (active entries of kind <c>ld-lead</c>) may open the feedback signals report.</summary>
public sealed class LearningLeadReportReaders(LeadRegister leads) : IRoleMembers
{
    public Role Role => Roles.SignalReports;

    public async ValueTask<bool> IncludesAsync(Caller caller, CancellationToken cancellationToken) =>
        await leads.ActiveEntryOfAsync(caller, cancellationToken) is { IsLearningLead: true };
}
