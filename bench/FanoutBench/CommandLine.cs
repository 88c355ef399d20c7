using System.Globalization;

namespace LearningBot.Bench.FanoutBench;

/// <summary>The <c>--name value</c> pairs of a subcommand.</summary>
internal sealed class CommandLine(IReadOnlyDictionary<string, string> values)
{
    public const string Usage = """
        FanoutBench selfcheck
            checks the Bot Connector simulator on its own (limits, Retry-After, faults, duplicates)
        FanoutBench simulate [--port 0] [--faults true] [--limits true] [--seed 13] [--people people.csv]
            runs the simulator until Ctrl-C (GET /stats, POST /measure to start counting)
        FanoutBench seed --people 11000 --out people.csv [--without-teams 0.01]
            writes a people directory seed file
        FanoutBench run --scenario a|b|c|d|e --bot-dll PATH --storage CONNECTION --out DIR
                        [--recipients 11000] [--without-chat 0.05] [--without-teams 0.01] [--faults true]
                        [--seed 13] [--install-concurrency 32] [--timeout-s 0 (auto)] [--kill-at 0.5]
            runs one scenario (starts and stops the bot itself) and writes DIR/scenario-X.json
            (e: a digest edition scheduled for now to everyone, instead of an announcement)
        FanoutBench table FILE...
            prints the table of scenario result files
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.\n{Usage}");
            }

            values[args[i][2..]] = args[++i];
        }

        return new CommandLine(values);
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.\n{Usage}");

    public int Int(string name, int fallback) => Get(name) is { } value ? int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is { } value ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name, bool fallback) => Get(name) is { } value ? value is "true" or "1" or "yes" : fallback;
}
