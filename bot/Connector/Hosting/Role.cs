namespace LearningBot.Connector.Hosting;

/// <summary>
/// A role a route can require (<see cref="BotRoutes.For"/>). The roles themselves, and who holds each, are decided in
/// one place outside the protocol layer (<c>bot/Access</c>); the router only asks <see cref="IRoleCheck"/>.
/// </summary>
/// <param name="Name">A stable name, used in configuration and telemetry.</param>
/// <param name="HeldBy">Who holds it, in plain English, for the message a person without it sees.</param>
public sealed record Role(string Name, string HeldBy)
{
    /// <summary>What someone without the role is told when a route needs it.</summary>
    public string Refusal =>
        $"Sorry, that is only for {HeldBy}. If you think you should be able to do it, ask the L&D Support Team to add you.";
}
