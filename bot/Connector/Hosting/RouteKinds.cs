namespace LearningBot.Connector.Hosting;

/// <summary>Values of <see cref="BotRoute.Kind"/>.</summary>
public static class RouteKinds
{
    public const string Command = "command";
    public const string Message = "message";
    public const string CardAction = "card_action";
    public const string Invoke = "invoke";
    public const string Activity = "activity";
}
