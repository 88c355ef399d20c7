namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>
/// How the Bot Connector simulator behaves: Teams' documented limits (on unless turned off) and the faults it injects
/// into message posts to recipients' conversations, drawn from a seeded random sequence so runs can be repeated.
/// </summary>
internal sealed record SimulatorOptions
{
    public int Seed { get; init; } = 13;

    public bool InjectFaults { get; init; } = true;

    /// <summary>Share of recipients' message posts answered 503.</summary>
    public double ServiceUnavailableRate { get; init; } = 0.01;

    /// <summary>Share of recipients' message posts whose connection is reset before an answer (the message is not accepted).</summary>
    public double ConnectionResetRate { get; init; } = 0.005;

    public bool EnforceLimits { get; init; } = true;

    /// <summary>Entra object ids of people without Teams: creating a conversation with them is refused.</summary>
    public IReadOnlySet<string> PeopleWithoutTeams { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
