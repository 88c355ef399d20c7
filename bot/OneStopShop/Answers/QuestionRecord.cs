using System.Globalization;
using System.Runtime.Serialization;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// One question put to the one-stop shop and how it was answered (table <c>OneStopShopQuestions</c>).
/// Partitioned by month (<c>yyyy-MM</c>) so a report for a period reads a few partitions; the row key is the
/// question id, which starts with the month so a rating finds its question without a search.
/// </summary>
public sealed record QuestionRecord : TableRow
{
    public DateTimeOffset AskedAt { get; init; }

    /// <summary>The asker's person key (Entra object id, or Teams user id when there is none).</summary>
    public string? AskerKey { get; init; }

    /// <summary><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string? ConversationType { get; init; }

    /// <summary><see cref="QuestionOrigins"/>: typed by the person, or an article opened from a suggestion.</summary>
    public string Origin { get; init; } = QuestionOrigins.Asked;

    /// <summary>The question with suspected personal data replaced (never the raw text): set by <see cref="WithQuestion"/>.</summary>
    public string Question { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Lower-case words only, for grouping the same question asked in different ways.</summary>
    public string NormalisedQuestion { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>True when something that looked like personal data was removed from the question.</summary>
    public bool Scrubbed { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }

    /// <summary>What a question was answered with when it was not about learning: a signpost, not an answer or a handover.</summary>
    public const string SignpostedKind = "Signposted";

    /// <summary>Article, Person, NotSure, Directory or <see cref="SignpostedKind"/>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The signpost shown (Kind Signposted), kept when the asker said it was about learning after all.</summary>
    public string? SignpostId { get; init; }

    /// <summary>The asker pressed "It's about learning" on the signpost: the question is now NotSure.</summary>
    public bool LearningAfterAll { get; init; }

    public string? ArticleId { get; init; }

    public string? PersonId { get; init; }

    public string? NetworkId { get; init; }

    /// <summary>The learning-directory offers shown, comma-separated (kind <see cref="QuestionLog.DirectoryKind"/>).</summary>
    public string? OfferIds { get; init; }

    public double Confidence { get; init; }

    /// <summary>The first rating given (👍 true, 👎 false); later ones are ignored.</summary>
    public bool? Helpful { get; init; }

    public DateTimeOffset? RatedAt { get; init; }

    public string? RatedBy { get; init; }

    [IgnoreDataMember]
    public string QuestionId => RowKey;

    /// <summary>This record holding <paramref name="question"/>, its normalised form and whether anything was removed.</summary>
    public QuestionRecord WithQuestion(ScrubbedText question)
    {
        ArgumentNullException.ThrowIfNull(question);
#pragma warning disable LB0001 // The one way free text gets in: from ScrubbedText.
        return this with { Question = question.Text, NormalisedQuestion = QuestionText.Normalise(question.Text), Scrubbed = question.WasScrubbed };
#pragma warning restore LB0001
    }

    public static string PartitionFor(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A new question id such as <c>2026-11.3f9c0a1b2d4e</c>: the month, a dot and 12 random hex digits.</summary>
    public static string NewQuestionId(DateTimeOffset when) =>
        string.Concat(PartitionFor(when), ".", Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)));

    /// <summary>The partition a question id lives in, or null for an id this log never made.</summary>
    public static string? PartitionOf(string questionId) =>
        questionId is { Length: 20 } && questionId[7] == '.'
        && DateTime.TryParseExact(questionId[..7], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && questionId[8..].All(Uri.IsHexDigit)
            ? questionId[..7]
            : null;
}
