namespace LearningBot.Tests.Faults;

/// <summary>
/// The fault-injection tests measure wall-clock time against the bot's stated limits, so they run on their own, not
/// beside other test classes competing for the machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
