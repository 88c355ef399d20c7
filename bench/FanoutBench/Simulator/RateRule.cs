namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>At most <paramref name="Limit"/> requests in any window of <paramref name="Window"/>.</summary>
internal sealed record RateRule(int Limit, TimeSpan Window)
{
    /// <summary>Teams' documented limits per bot per conversation (thread).</summary>
    public static IReadOnlyList<RateRule> PerConversation { get; } =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    /// <summary>Teams' documented global limit per bot per tenant, counted in fixed one-second windows.</summary>
    public const int PerTenantPerSecond = 50;

    public override string ToString() => $"{Limit} per {Window.TotalSeconds:0} s";
}
