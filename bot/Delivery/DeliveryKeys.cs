using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>The keys a delivery is stored under.</summary>
public static class DeliveryKeys
{
    /// <summary>Ledger row keys start with this; <see cref="RecipientRowKeyEnd"/> is the first key after them all.</summary>
    public const string RecipientRowKeyPrefix = "r|";

    public const string RecipientRowKeyEnd = "r}";

    /// <summary>A table string property holds 64 KiB of UTF-16: the longest message JSON a delivery can keep.</summary>
    public const int MaxActivityChars = 32 * 1024;

    /// <summary>The first 32 hex digits of SHA-256(purpose, newline, idempotency key): the same request is always the same delivery.</summary>
    public static string DeliveryId(string purpose, string idempotencyKey) => StableKey.Of(purpose + "\n" + idempotencyKey, 32);

    /// <summary>The recipient's ledger row: a hash of (kind, key), so any key fits and rows spread evenly.</summary>
    public static string RecipientRowKey(string kind, string key) => RecipientRowKeyPrefix + StableKey.Of(kind + "\n" + key, 24);
}
