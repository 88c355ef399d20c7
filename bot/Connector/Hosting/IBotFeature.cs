namespace LearningBot.Connector.Hosting;

/// <summary>A capability plugs its handlers into the router here; one implementation per capability folder.</summary>
public interface IBotFeature
{
    void MapRoutes(BotRoutes routes);
}
