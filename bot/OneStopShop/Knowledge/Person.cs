namespace LearningBot.OneStopShop.Knowledge;

/// <summary>A named contact in the learning directory (who's who).</summary>
public sealed record Person(
    string Id,
    string Name,
    string Role,
    string Kind,
    string Organisation,
    string OrganisationKind,
    string? Specialty,
    string? Email,
    string? Phone,
    IReadOnlyList<string> Topics);
