namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>
/// One person of the benchmark's directory. <paramref name="HasChat"/>: the bot knows their 1:1 chat before the
/// announcement (they installed the app); people with Teams but no chat are reached by creating one; people without
/// Teams cannot be reached at all.
/// </summary>
internal sealed record BenchPerson(int Number, string Id, string Name, string Organisation, string OrganisationKind, bool UsesTeams, bool HasChat)
{
    public string TeamsUserId => BenchIds.TeamsUserId(Id);

    public string ChatId => BenchIds.ChatId(Id);
}
