using LearningBot.Cards;

namespace LearningBot.LearningDirectory.Editing;

/// <summary>One option of a choice set.</summary>
public sealed record DirectoryChoice(string Title, string Value);

/// <summary>An offer as the editing list shows it.</summary>
public sealed record DirectoryOfferItem(string Title, string Provider, string Kind, string Next, string Status, string OfferId);

/// <summary>Data for <c>directory-offers</c>: one page of the offers the person may change.</summary>
public sealed record DirectoryOffersCardData(
    string Heading, string Notice, string PageText, IReadOnlyList<DirectoryOfferItem> Offers, bool HasPrevious, bool HasNext, int PreviousPage, int NextPage) : ICardData
{
    public static string CardName => "directory-offers";
}

/// <summary>Data for <c>directory-offer-edit</c>: the form to add an offer (<see cref="IsNew"/>) or change one.</summary>
public sealed record DirectoryOfferEditCardData(
    string Heading, bool IsNew, string Removed, string OfferId, string FormId, string Title, string Summary, string Topics, string Provider,
    string ProviderKind, string OpenTo, string StaffGroups, string ForVolunteers, string Format, string Length, string Cost, string BookingUrl,
    string BookingEmail, string BookingPhone, string MandatoryTopic, string ArticleId, IReadOnlyList<DirectoryChoice> KindChoices,
    IReadOnlyList<DirectoryChoice> OpenToChoices, IReadOnlyList<DirectoryChoice> FormatChoices, IReadOnlyList<DirectoryChoice> MandatoryChoices) : ICardData
{
    public static string CardName => "directory-offer-edit";
}

/// <summary>A session as the sessions card lists it.</summary>
public sealed record DirectorySessionItem(string When, string Where, string Places, bool Cancelled, string SessionId, string OfferId);

/// <summary>Data for <c>directory-sessions</c>: an offer's upcoming sessions, cancelled ones marked.</summary>
public sealed record DirectorySessionsCardData(string Title, string OfferId, string Notice, string SummaryText, IReadOnlyList<DirectorySessionItem> Sessions) : ICardData
{
    public static string CardName => "directory-sessions";
}

/// <summary>Data for <c>directory-session-edit</c>: the form to add a session (no <see cref="SessionId"/>) or change one.</summary>
public sealed record DirectorySessionEditCardData(
    string Heading, string Removed, string OfferId, string SessionId, string FormId, string Date, string Starts, string Ends, string Place,
    string JoiningRoute, string PlacesLeft) : ICardData
{
    public static string CardName => "directory-session-edit";

    /// <summary>The days the session may be on (<see cref="SessionRules.Dates"/>), and the date's problem in words.</summary>
    public string EarliestDate { get; init; } = string.Empty;

    public string LatestDate { get; init; } = string.Empty;

    public string DateProblem { get; init; } = string.Empty;
}

/// <summary>Data for <c>directory-confirm</c>: "Retire …?" or "Cancel …?", asked first.</summary>
public sealed record DirectoryConfirmCardData(
    string Heading, string Text, string ConfirmTitle, string ConfirmVerb, string BackTitle, string BackVerb, string OfferId, string SessionId) : ICardData
{
    public static string CardName => "directory-confirm";
}

/// <summary>A line of the import's answer.</summary>
public sealed record DirectoryImportFact(string Title, string Value);

/// <summary>A problem the import found.</summary>
public sealed record DirectoryImportProblem(string Text);

/// <summary>Data for <c>directory-import-result</c>: what an import did, or every problem that stopped it.</summary>
public sealed record DirectoryImportResultCardData(
    string Headline, string Intro, IReadOnlyList<DirectoryImportFact> Facts, IReadOnlyList<DirectoryImportProblem> Problems, string Footer) : ICardData
{
    public static string CardName => "directory-import-result";
}
