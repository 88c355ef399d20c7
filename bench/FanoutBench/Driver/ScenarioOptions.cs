namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>One scenario's settings (see <see cref="CommandLine.Usage"/>).</summary>
internal sealed record ScenarioOptions(
    char Scenario,
    string BotDll,
    string Storage,
    string OutDir,
    int Recipients,
    double WithoutChat,
    double WithoutTeams,
    bool Faults,
    int Seed,
    int InstallConcurrency,
    TimeSpan Timeout,
    double KillAt)
{
    public const string Scenarios = "abcde";

    public int Instances => Scenario == 'c' ? 2 : 1;

    public string Description => Scenario switch
    {
        'a' => "one instance",
        'b' => $"kill -9 at {KillAt:P0}, restart",
        'c' => "two instances",
        'e' => "digest edition to everyone",
        _ => "chat turns during delivery",
    };

    public static ScenarioOptions From(CommandLine args)
    {
        var scenario = args.Required("scenario");
        if (scenario.Length != 1 || !Scenarios.Contains(scenario[0], StringComparison.Ordinal))
        {
            throw new ArgumentException($"--scenario must be one of a, b, c, d, e.\n{CommandLine.Usage}");
        }

        var recipients = args.Int("recipients", 11_000);
        var timeout = args.Int("timeout-s", 0);
        return new ScenarioOptions(
            scenario[0],
            Path.GetFullPath(args.Required("bot-dll")),
            args.Required("storage"),
            Path.GetFullPath(args.Required("out")),
            recipients,
            args.Double("without-chat", 0.05),
            args.Double("without-teams", 0.01),
            args.Flag("faults", true),
            args.Int("seed", 13),
            args.Int("install-concurrency", 32),
            TimeSpan.FromSeconds(timeout > 0 ? timeout : Math.Max(300, 3 * recipients / 50)),
            args.Double("kill-at", 0.5));
    }
}
