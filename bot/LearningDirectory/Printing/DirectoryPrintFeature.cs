using LearningBot.Calendar;
using LearningBot.Connector.Hosting;

namespace LearningBot.LearningDirectory.Printing;

/// <summary>
/// <c>print directory</c> (anyone), optionally with a month and a kind of organisation (<c>print directory january
/// council</c>): a card linking to the signed printable page, A4 and large print. Without a kind, the page is for the
/// caller's own kind of organisation (from the people directory), or for everyone when that is not known.
/// </summary>
public sealed class DirectoryPrintFeature(DirectoryPrintLinks links, AskerOrganisation asker, Cards.CardCatalog cards, TimeProvider clock) : IBotFeature
{
    public const string Usage =
        "Type **print directory**, then a month and a kind of organisation if you like, for example **print directory january council**. " +
        "Kinds are: hospital, mental health, ambulance, primary care, council, voluntary, independent, or everyone.";

    public void MapRoutes(BotRoutes routes) =>
        routes.OnCommandWithArgument(OnPrintAsync, "print directory", "print the directory", "printable directory", "print learning directory");

    private async Task OnPrintAsync(ITurnContext turn, string argument)
    {
        var today = UkTime.Today(clock);
        if (DirectoryPrintRequest.Read(argument, today, await asker.KindAsync(turn)) is not { } request)
        {
            await turn.SendTextAsync($"Sorry, I couldn't read that. {Usage}");
            return;
        }

        if (request.Month < new DateOnly(today.Year, today.Month, 1))
        {
            await turn.SendTextAsync($"{request.MonthName} has passed, so there are no sessions to print. {Usage}");
            return;
        }

        await turn.SendCardAsync(cards.Render(new DirectoryPrintCardData(
            $"Printable learning directory: {request.MonthName}",
            $"Courses with dates in {request.MonthName} open to {request.Audience}, grouped by topic, with phone numbers and email addresses for booking. " +
            "Print it for a notice board or for colleagues without a computer. The links work for a month.",
            links.For(request),
            links.For(request, large: true))));
    }
}
