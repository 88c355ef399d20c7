namespace LearningBot.Connector.Hosting;

/// <summary>A handler and the route it was registered as.</summary>
internal readonly record struct Routed<THandler>(THandler Handler, BotRoute Route);
