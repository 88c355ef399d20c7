using System.Security.Cryptography;
using System.Text;

namespace LearningBot.Storage;

/// <summary>Keys derived from text: stored keys must come out the same in every release, in characters any table key allows.</summary>
public static class StableKey
{
    /// <summary>The first <paramref name="digits"/> (at most 64) lower-case hex digits of SHA-256 of the UTF-8 of <paramref name="text"/>.</summary>
    public static string Of(string text, int digits) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..digits];
}
