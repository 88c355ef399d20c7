namespace LearningBot.Connector.Hosting;

/// <summary>A capability that serves web pages or endpoints besides the bot's messages (mapped by the host at start-up).</summary>
public interface IEndpointFeature
{
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
