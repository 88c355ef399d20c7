namespace LearningBot.Announcements;

/// <summary>The announcement cards' buttons (shapes in <see cref="AnnouncementsFeature"/>).</summary>
public static class AnnouncementVerbs
{
    public const string Preview = "announce.preview";
    public const string Change = "announce.change";
    public const string Send = "announce.send";
}
