using LearningBot.Cards;

namespace LearningBot.LearningDirectory.Printing;

/// <summary>Data for <c>directory-print</c>: links to the month's printable directory, standard and large print; empty when the bot does not know its address.</summary>
public sealed record DirectoryPrintCardData(string Heading, string About, string StandardUrl, string LargeUrl) : ICardData
{
    public static string CardName => "directory-print";
}
