namespace LearningBot.Tests.Support;

/// <summary>Waits for something the bot does in the background (the outbox) to become true.</summary>
public static class Eventually
{
    /// <summary>
    /// How long to wait when a test does not say. A passing check returns as soon as it holds, so this only bounds a
    /// failure; it is wide because the whole suite shares two cores with the end-to-end tests.
    /// </summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds or <paramref name="within"/> (default <see cref="DefaultWait"/>) has passed; returns its last value.</summary>
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWait);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Like <see cref="TrueAsync(Func{bool}, TimeSpan?)"/> for a condition that has to ask storage.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (within ?? DefaultWait);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
