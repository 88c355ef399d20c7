namespace LearningBot.Delivery.Sending;

/// <summary>How a send shares the tenant's limit with the rest of the bot's traffic.</summary>
public enum SendPace
{
    /// <summary>
    /// Bulk work (deliveries, retries): each request waits for a token of the shared per-second budget, so every
    /// instance together stays inside Teams' limit however much is queued.
    /// </summary>
    Paced,

    /// <summary>
    /// One message that follows at once from something a person just did (an escalated question posted to the L&amp;D
    /// channel, a review sent to its person). It goes without waiting for storage, as a reply in a turn does, and is
    /// counted against the budget afterwards; the conversation's limits and any pause Teams asked for still hold. People's
    /// actions keep this traffic small; the budget leaves room for it.
    /// </summary>
    Prompt,
}
