using System.Net.Mime;

namespace LearningBot.BotHost;

/// <summary>The privacy and terms pages the Teams app manifest links to.</summary>
internal static class InformationPages
{
    public static WebApplication MapInformationPages(this WebApplication app)
    {
        app.MapGet("/privacy", () => Page("LearningBot privacy notice", Privacy));
        app.MapGet("/terms", () => Page("LearningBot terms of use", Terms));
        return app;
    }

    private static IResult Page(string title, string body) => Results.Content(
        $$"""
        <!doctype html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{title}}</title>
          <style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
        </head>
        <body>
          <h1>{{title}}</h1>
          {{body}}
        </body>
        </html>
        """,
        MediaTypeNames.Text.Html);

    private const string Privacy = """
        <p>LearningBot is run by the Learning and Development Support Team for staff and volunteers across our health
        and social care community.</p>
        <h2>What we keep</h2>
        <ul>
          <li>Your Teams name and ids, so the bot can reply to you and send you answers and reminders later.</li>
          <li>Questions you ask and how you rated the answers, so the team can improve the knowledge base.</li>
          <li>Five Minute Reviews: seen only by the manager who ran the review and the person reviewed. The L&amp;D
          team sees only totals, never individual reviews.</li>
          <li>Feedback signals and good-practice examples, which must never contain anything that identifies a
          patient or service user.</li>
        </ul>
        <h2>Where it is kept</h2>
        <p>In your organisation's Microsoft Azure storage. It is not shared outside the community.</p>
        <h2>Questions</h2>
        <p>Ask the bot to pass a question to the L&amp;D team, or contact your organisation's data protection officer.</p>
        """;

    private const string Terms = """
        <p>LearningBot gives general guidance on learning and development. Check anything important with your
        manager or your organisation's L&amp;D lead.</p>
        <p>Never type patient or service-user details into the bot: no names, NHS numbers, addresses or dates of
        birth.</p>
        <p>Use it in line with your organisation's acceptable use policy.</p>
        """;
}
