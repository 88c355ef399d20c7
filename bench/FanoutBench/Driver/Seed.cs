namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>Writes a seed file for a bot run by hand.</summary>
internal static class Seed
{
    public static int Run(CommandLine args)
    {
        var people = BenchPeople.Create(args.Int("people", 11_000), args.Double("without-teams", 0.01), 0);
        File.WriteAllText(args.Required("out"), BenchPeople.ToCsv(people));
        Console.WriteLine($"{people.Count} people written to {args.Required("out")} ({people.Count(p => !p.UsesTeams)} without Teams)");
        return 0;
    }
}
