namespace LearningBot.LearningDirectory;

/// <summary>
/// One course, programme or scheme in the learning directory, as an organisation of the community offers it.
/// </summary>
/// <param name="Id">Stable id, lower-case words joined by hyphens (the provider's code on import).</param>
/// <param name="Topics">Topic words people search by (moving and handling, BLS, dementia...).</param>
/// <param name="ProviderKind">The organisation kind of the provider (<see cref="People.OrganisationKinds"/>): the L&amp;D lead of that kind may edit the offer.</param>
/// <param name="OpenTo">Organisation kinds whose staff may book, or empty for everyone in the community.</param>
/// <param name="StaffGroups">Who it is for, in words (healthcare support workers, registered nurses, managers...).</param>
/// <param name="Cost">What it costs, in words, or null when it is free to our community.</param>
/// <param name="ArticleId">The knowledge-base article that explains the topic, if any.</param>
/// <param name="MandatoryTopic">The statutory or mandatory topic this offer delivers, if any.</param>
/// <param name="IsSample">Sample data shipped with the bot, to be replaced by the organisations' real offers.</param>
public sealed record CourseOffer(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<string> Topics,
    string Provider,
    string ProviderKind,
    IReadOnlyList<string> OpenTo,
    IReadOnlyList<string> StaffGroups,
    bool ForVolunteers,
    CourseFormat Format,
    string Length,
    string? Cost,
    BookingRoute Booking,
    string? ArticleId,
    string? MandatoryTopic,
    bool IsSample,
    bool IsRetired)
{
    /// <summary>Whether staff of the given organisation kind may book (unknown kind: only offers open to everyone).</summary>
    public bool IsOpenTo(string? organisationKind) =>
        OpenTo.Count == 0 || (organisationKind is not null && OpenTo.Contains(organisationKind, StringComparer.Ordinal));
}
