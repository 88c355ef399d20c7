using LearningBot.Bench.FanoutBench;
using LearningBot.Bench.FanoutBench.Driver;

try
{
    return args switch
    {
        ["selfcheck"] => await SelfCheck.RunAsync(),
        ["simulate", .. var rest] => await Simulate.RunAsync(CommandLine.Parse(rest)),
        ["seed", .. var rest] => Seed.Run(CommandLine.Parse(rest)),
        ["run", .. var rest] => await ScenarioRunner.RunAsync(ScenarioOptions.From(CommandLine.Parse(rest))),
        ["table", .. var rest] => ResultTable.Print(rest),
        _ => Fail(CommandLine.Usage),
    };
}
catch (ArgumentException e)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
