using LearningBot.Cards;

namespace LearningBot.Digest.Print;

/// <summary>Data for the <c>digest-print-pack</c> card: an edition ready to print, the copies suggested, and "Printed and put up".</summary>
public sealed record DigestPrintPackCardData(
    int Number, string Title, string Suggestion, string Reason, string StandardUrl, string StandardInWords, string LargeUrl, string LargeInWords,
    int Copies, bool Recorded, string RecordedText) : ICardData
{
    public static string CardName => "digest-print-pack";

    public int MaxCopies => DigestPrintPackCards.MaxCopies;
}

/// <summary>Data for the <c>digest-paper-reach</c> card: copies put up by organisation, small counts suppressed outside the support team.</summary>
public sealed record DigestPaperReachCardData(string Title, string Summary, string Notice, IReadOnlyList<DigestPaperReachRow> Rows) : ICardData
{
    public static string CardName => "digest-paper-reach";
}

/// <summary>One organisation's paper reach, in words ready for the card.</summary>
public sealed record DigestPaperReachRow(string Organisation, string Copies, string Bases);
