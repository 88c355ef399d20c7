using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>
/// A person's latest request for a review (RowKey <c>request|person</c>), in the partition of the manager it was sent
/// to, beside that manager's drafts and reviews: only that manager's presses reach it.
/// </summary>
public sealed record ReviewRequestEntity : TableRow
{
    public string ManagerId { get; init; } = string.Empty;
    public string PersonId { get; init; } = string.Empty;
    public string PersonName { get; init; } = string.Empty;

    /// <summary>One of <see cref="RequestReasons.All"/>.</summary>
    public string Reason { get; init; } = string.Empty;
    public string ReasonWords { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The person's own view, written with the request; put on step 2 when the manager starts the review.</summary>
    public string OwnView { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public DateTimeOffset RequestedAt { get; init; }

#pragma warning disable LB0001 // Free text gets in only as ScrubbedText.
    public ReviewRequestEntity WithWords(ScrubbedText reasonWords, ScrubbedText ownView) =>
        this with { ReasonWords = reasonWords.Text, OwnView = ownView.Text };
#pragma warning restore LB0001
}

/// <summary>Why a person asks for a review.</summary>
public static class RequestReasons
{
    public const string AWhile = "a-while";
    public const string Objectives = "objectives";
    public const string SomethingElse = "something-else";

    public static IReadOnlyList<ChoiceData> All { get; } =
    [
        new("It's been a while", AWhile),
        new("I'd like to talk about my objectives", Objectives),
        new("Something else", SomethingElse),
    ];

    public static string TitleOf(string value) => All.FirstOrDefault(c => c.Value == value)?.Title ?? string.Empty;
}
