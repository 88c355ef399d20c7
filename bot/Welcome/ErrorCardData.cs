using System.Security.Cryptography;
using LearningBot.Cards;

namespace LearningBot.Welcome;

/// <summary>Data for the <c>error</c> card: an apology, what to do next and a reference to quote.</summary>
/// <param name="ReferenceId">Short id the person can quote to the support team; log it with the failure.</param>
/// <param name="RetryVerb">When set, the card offers "Try again" with this verb.</param>
public sealed record ErrorCardData(string ReferenceId, string? RetryVerb = null) : ICardData
{
    // No 0/O, 1/I/L or U, so a reference read aloud or copied by hand stays unambiguous.
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string CardName => "error";

    /// <summary>A new reference such as <c>7KQ2-M4XD</c>.</summary>
    public static string NewReferenceId()
    {
        Span<char> id = stackalloc char[9];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = i == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(id);
    }
}
