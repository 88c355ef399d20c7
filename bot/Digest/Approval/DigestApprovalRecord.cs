using System.Text.Json;
using LearningBot.Privacy;

namespace LearningBot.Digest.Approval;

/// <summary>
/// Where an edition's approval stands, kept on the edition (<see cref="DigestEdition.ApprovalJson"/>) so that it changes
/// in the same transaction as the status and its audit line. <see cref="RequestedVersion"/> is the version sent for
/// approval: approval cards carry it, and a press showing any other version is refused.
/// </summary>
public sealed record DigestApprovalRecord
{
    /// <summary>The scope of a general approver's approval: the edition as a whole.</summary>
    public const string Everyone = "everyone";

    public int RequestedVersion { get; init; }

    public string RequestedBy { get; init; } = string.Empty;

    public string RequestedByName { get; init; } = string.Empty;

    public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>The names of the people the request went to.</summary>
    public IReadOnlyList<string> AwaitingFrom { get; init; } = [];

    public IReadOnlyList<DigestApprovalMark> Approvals { get; init; } = [];

    public string ChangesBy { get; init; } = string.Empty;

    public string ChangesByName { get; init; } = string.Empty;

    public DateTimeOffset? ChangesAt { get; init; }

    /// <summary>What the approver asked to change, stored only scrubbed (<see cref="WithChangesRequested"/>).</summary>
    public string Comment { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

#pragma warning disable LB0001 // Reading the stored, scrubbed comment.
    public string CommentShown() => Comment;
#pragma warning restore LB0001

    public static DigestApprovalRecord Of(DigestEdition edition) =>
        edition.ApprovalJson.Length == 0 ? new() : JsonSerializer.Deserialize<DigestApprovalRecord>(edition.ApprovalJson, DigestEdition.Json) ?? new();

    public string ToJson() => JsonSerializer.Serialize(this, DigestEdition.Json);

    /// <summary>A fresh request: what was approved or asked for before is cleared.</summary>
    public static DigestApprovalRecord Requested(int version, string by, string byName, DateTimeOffset at, IReadOnlyList<string> awaitingFrom) => new()
    {
        RequestedVersion = version, RequestedBy = by, RequestedByName = byName, RequestedAt = at, AwaitingFrom = awaitingFrom,
    };

    public DigestApprovalRecord WithApprovals(IEnumerable<DigestApprovalMark> marks) => this with { Approvals = [.. Approvals, .. marks] };

#pragma warning disable LB0001 // The one place the comment is set, from ScrubbedText.
    public DigestApprovalRecord WithChangesRequested(string by, string byName, DateTimeOffset at, ScrubbedText comment) =>
        this with { Approvals = [], ChangesBy = by, ChangesByName = byName, ChangesAt = at, Comment = comment.Truncate(DigestApprovalLimits.CommentLength).Text };
#pragma warning restore LB0001

    /// <summary>Whether <paramref name="scope"/> (<see cref="Everyone"/> or an organisation kind) has been approved.</summary>
    public bool Covers(string scope) => Approvals.Any(mark => mark.Scope == scope);
}

/// <summary>One approval: of the whole edition (<see cref="DigestApprovalRecord.Everyone"/>) or of one organisation kind's items.</summary>
public sealed record DigestApprovalMark(string Scope, string Who, string Name, DateTimeOffset At);

public static class DigestApprovalLimits
{
    public const int CommentLength = 1_000;
}
