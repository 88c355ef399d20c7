using LearningBot.BotHost;

var app = LearningBotHost.Build(args);
app.Run();
