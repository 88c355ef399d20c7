namespace LearningBot.LearningDirectory.Editing;

/// <summary>The buttons of the directory's editing cards (shapes in <see cref="DirectoryEditingFeature"/>).</summary>
public static class DirectoryVerbs
{
    public const string Page = "directory.page";
    public const string AddOffer = "directory.offer.add";
    public const string EditOffer = "directory.offer.edit";
    public const string SaveOffer = "directory.offer.save";
    public const string RetireOffer = "directory.offer.retire";
    public const string ConfirmRetireOffer = "directory.offer.retire.confirm";
    public const string Sessions = "directory.sessions";
    public const string AddSession = "directory.session.add";
    public const string EditSession = "directory.session.edit";
    public const string SaveSession = "directory.session.save";
    public const string CancelSession = "directory.session.cancel";
    public const string ConfirmCancelSession = "directory.session.cancel.confirm";
}
