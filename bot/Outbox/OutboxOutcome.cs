namespace LearningBot.Outbox;

/// <summary>How an outbox row ended, as recorded in <see cref="OutboxEntity.Outcome"/>.</summary>
public static class OutboxOutcome
{
    public const string Delivered = "delivered";

    /// <summary>The recipient cannot be reached (never talked to the bot, blocked or removed it): not tried again.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A newer row with the same collapse key was delivered and said it all.</summary>
    public const string Superseded = "superseded";

    /// <summary>Still failing after <c>Outbox:GiveUpAfter</c>: logged as an error and left for a person to look at.</summary>
    public const string Expired = "expired";

    /// <summary>Not settled yet (in a report only, never stored): it will be tried again.</summary>
    public const string Pending = "pending";
}

/// <summary>What became of one row in a delivery pass.</summary>
public sealed record OutboxReport(string RowKey, string Kind, string Outcome);
