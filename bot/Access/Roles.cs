using LearningBot.Connector.Hosting;

namespace LearningBot.Access;

/// <summary>
/// Every role in the product and who holds it. <see cref="RolePolicy"/> applies these policies; configuration lists
/// people in the <c>Roles</c> section (<see cref="RoleOptions"/>), each by Entra object id or Teams user id.
/// </summary>
public static class Roles
{
    /// <summary>The L&amp;D Support Team: listed in <c>Roles:SupportTeam</c>. Sees the gaps report and review coverage, edits articles.</summary>
    public static readonly Role SupportTeam = new("SupportTeam", "the L&D Support Team");

    /// <summary>
    /// Experts who answer escalated questions: the support team, people listed in <c>Roles:Experts</c>, and (when
    /// <c>Escalation:ExpertChannelTeamCounts</c> is on) members of the team that owns the expert channel.
    /// </summary>
    public static readonly Role Expert = new("Expert", "the L&D team's experts");

    /// <summary>Liaison staff who record patient and service-user feedback: <c>Roles:LiaisonStaff</c>, and the support team.</summary>
    public static readonly Role Liaison = new("Liaison", "liaison staff and the L&D Support Team");

    /// <summary>Feedback moderators, who decide on feedback signals: <c>Roles:Moderators</c>, and the support team.</summary>
    public static readonly Role Moderator = new("Moderator", "moderators and the L&D Support Team");

    /// <summary>
    /// Good-practice editors, who check examples shared for the good-practice exchange before anyone else sees them:
    /// <c>Roles:GoodPracticeEditors</c>, and the support team.
    /// </summary>
    public static readonly Role GoodPracticeEditor = new("GoodPracticeEditor", "good-practice editors and the L&D Support Team");

    /// <summary>Newsletter digest editors: <c>Roles:DigestEditors</c>, and the support team.</summary>
    public static readonly Role DigestEditor = new("DigestEditor", "digest editors and the L&D Support Team");

    /// <summary>
    /// Who approves a digest for sending: <c>Roles:DigestApprovers</c> only. Membership of the support team is not
    /// enough, so that approval is a deliberate second pair of eyes named by the organisation.
    /// </summary>
    public static readonly Role DigestApprover = new("DigestApprover", "the people who approve newsletter digests");

    /// <summary>Clinical and occupational leads: <c>Roles:Leads</c>, and anyone a capability's register of leads names.</summary>
    public static readonly Role Lead = new("Lead", "clinical and occupational leads");

    /// <summary>The head of the L&amp;D Support Team: <c>Roles:HeadOfSupportTeam</c> only. Told of feedback alerts no lead has answered.</summary>
    public static readonly Role HeadOfSupportTeam = new("HeadOfSupportTeam", "the head of the L&D Support Team");

    /// <summary>The board: <c>Roles:Board</c>. Sees reports in aggregate only, such as the feedback signals report across organisations.</summary>
    public static readonly Role Board = new("Board", "the board");

    /// <summary>
    /// Who may open the feedback signals report: the L&amp;D Support Team, the board, and organisations' L&amp;D leads in
    /// the register of leads. What each sees is decided by the report from their other roles.
    /// </summary>
    public static readonly Role SignalReports = new("SignalReports", "the L&D Support Team, organisations' L&D leads and the board");

    /// <summary>Who sees how good practice spreads ("trying this too" counts): the board and the L&amp;D Support Team, held through those roles.</summary>
    public static readonly Role PracticeSpread = new("PracticeSpread", "the board and the L&D Support Team");

    /// <summary>
    /// Who keeps the learning directory current: the L&amp;D Support Team (every offer) and organisations' L&amp;D leads in
    /// the register of leads (their own kind of organisation's offers, decided by the directory's editing policy).
    /// </summary>
    public static readonly Role DirectoryEditor = new("DirectoryEditor", "the L&D Support Team and organisations' L&D leads");

    public static IReadOnlyList<Role> All { get; } = [SupportTeam, Expert, Liaison, Moderator, GoodPracticeEditor, DigestEditor, DigestApprover, Lead, HeadOfSupportTeam, Board, SignalReports, PracticeSpread, DirectoryEditor];
}
