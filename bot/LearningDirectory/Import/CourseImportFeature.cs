using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Editing;
using LearningBot.People;
using LearningBot.Privacy;

namespace LearningBot.LearningDirectory.Import;

/// <summary>
/// <c>import courses</c> (also <c>import offers</c>; <see cref="Roles.DirectoryEditor"/>): the person attaches a CSV
/// export of their training system (or pastes its text on the lines after the command). Every row is checked first and
/// every problem named with its row; if there is any, nothing is imported. Otherwise each offer is written with its
/// sessions, matched by offer id and session id, so importing the same file again updates rather than duplicates. A
/// lead may import only their own kind of organisation's offers (<see cref="DirectoryEditPolicy"/>).
/// </summary>
public sealed class CourseImportFeature(
    ImportFileReader files, CourseDirectoryStore store, DirectoryEditPolicy policy, DirectoryCards cards, TimeProvider clock) : IBotFeature
{
    public const string HowTo =
        "To import courses, type **import courses** in your chat with me and attach a CSV file, or paste the file's text on the lines after **import courses**. The columns are described in learning-directory/README.md. To change one offer at a time, type **my offers**.";

    private const int ProblemsShown = 25;

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.DirectoryEditor).OnCommandWithArgument((turn, _) => ImportAsync(turn), "import courses", "import offers");

    private async Task ImportAsync(ITurnContext turn)
    {
        var file = await files.ReadAsync(turn);
        if (file.Problem is { } unreadable)
        {
            await turn.SendCardAsync(cards.ImportResult("Nothing was imported", "I couldn't read the file.", [], [unreadable]));
            return;
        }

        if (file.Text is null)
        {
            await turn.SendTextAsync(HowTo);
            return;
        }

        var kinds = await policy.KindsAsync(turn.Caller, turn.Aborted);
        var read = CourseCsv.Read(file.Text, kinds, UkTime.Today(clock));
        IReadOnlyList<string> problems = [.. read.Problems, .. await ProblemsWithStoredAsync(read, kinds, turn.Aborted)];
        var scrubbed = problems.Count == 0 ? Scrub(read, out problems) : [];
        if (problems.Count > 0)
        {
            await turn.SendCardAsync(Refused(problems));
            return;
        }

        var writes = await store.WriteManyAsync(scrubbed, turn.Caller.PersonKey!, turn.Aborted);
        await turn.SendCardAsync(cards.ImportResult(
            $"Imported {Count(read.Offers.Count, "offer")} from {Count(read.Rows, "row")}",
            "People asking where to book see the changes within a few seconds. Importing the same file again changes nothing.",
            [
                new("Offers added", writes.Count(w => w.OfferAdded).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Offers updated", writes.Count(w => w.OfferUpdated).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Sessions added", writes.Sum(w => w.SessionsAdded).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("Sessions updated", writes.Sum(w => w.SessionsUpdated).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            []));
    }

    /// <summary>Offers the file names that are already in the directory under a kind of organisation the person may not change.</summary>
    private async Task<IReadOnlyList<string>> ProblemsWithStoredAsync(CourseCsvResult read, EditableKinds kinds, CancellationToken cancellationToken)
    {
        var stored = (await store.ListOffersAsync(OrganisationKinds.All, cancellationToken)).ToDictionary(o => o.Offer.OfferId, o => o.Offer.ProviderKind, StringComparer.Ordinal);
        return
        [
            .. read.Offers.Where(o => stored.TryGetValue(o.Offer.Id, out var kind) && !kinds.Includes(kind))
                .Select(o => $"Row {o.FirstRow}: offer {o.Offer.Id} is already in the directory for a {LeadOrganisationKinds.LabelOf(stored[o.Offer.Id]).ToLowerInvariant()}: only its L&D lead or the L&D Support Team can change it."),
        ];
    }

    /// <summary>The offers scrubbed; anything that looked like personal details is a problem to put right in the file, not something to store changed.</summary>
    private List<(ScrubbedOffer Offer, IReadOnlyList<ScrubbedSession> Sessions)> Scrub(CourseCsvResult read, out IReadOnlyList<string> problems)
    {
        var today = UkTime.Today(clock);
        var found = new List<string>();
        var scrubbed = new List<(ScrubbedOffer, IReadOnlyList<ScrubbedSession>)>();
        foreach (var imported in read.Offers)
        {
            var offer = ScrubbedOffer.Of(imported.Offer, today);
            if (offer.WasScrubbed)
            {
                found.Add($"Row {imported.FirstRow}: offer {imported.Offer.Id} holds what looks like {PersonalDataScrubber.DescribeAll(offer.Removed)}. Take it out of the file and import again.");
            }

            var sessions = imported.Sessions.Select(s => ScrubbedSession.Of(s, today)).ToList();
            found.AddRange(sessions.Where(s => s.WasScrubbed).Select(s =>
                $"Row {imported.SessionRows[s.Session.Id]}: session {s.Session.Id} holds what looks like {PersonalDataScrubber.DescribeAll(s.Removed)}. Take it out of the file and import again."));
            scrubbed.Add((offer, sessions));
        }

        problems = found;
        return scrubbed;
    }

    private System.Text.Json.Nodes.JsonObject Refused(IReadOnlyList<string> problems)
    {
        var shown = problems.Take(ProblemsShown).ToList();
        if (problems.Count > ProblemsShown)
        {
            shown.Add($"…and {problems.Count - ProblemsShown} more.");
        }

        return cards.ImportResult(
            "Nothing was imported",
            $"I found {Count(problems.Count, "problem")} in your file. Put {(problems.Count == 1 ? "it" : "them")} right and send the whole file again: nothing is imported until every row is right.",
            [], shown);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
