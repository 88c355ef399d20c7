namespace LearningBot.Tests.Faults;

/// <summary>
/// The fault-injection tests measure wall-clock time against the bot's stated limits, so they run one at a time (never
/// two fault proxies at once); beside them the rest of the suite runs as it would on a busy host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
