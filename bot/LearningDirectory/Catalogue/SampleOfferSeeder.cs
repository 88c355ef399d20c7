using LearningBot.Calendar;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>What loading the sample did.</summary>
public sealed record SampleSeedResult(int InFile, int Added);

/// <summary>
/// Loads the sample offers into the directory: each offer with its sessions only if the offer is not there yet, so
/// loading again (another instance, a restart) adds nothing and never undoes an edit, a cancellation or a retirement.
/// The sessions' dates count from the day the sample was first loaded, which the directory keeps.
/// </summary>
public sealed partial class SampleOfferSeeder(CourseDirectoryStore store, SampleOfferFile file, TimeProvider clock, ILogger<SampleOfferSeeder> logger)
{
    /// <summary>Who the sample's rows are recorded as written by.</summary>
    public const string SeedAuthor = "sample";

    public async Task<SampleSeedResult> SeedAsync(CancellationToken cancellationToken)
    {
        if (file.Path is null)
        {
            return new SampleSeedResult(0, 0);
        }

        var today = UkTime.Today(clock);
        var anchor = await store.SampleAnchorAsync(today, cancellationToken);
        IReadOnlyList<SampleOffer> sample;
        try
        {
            sample = (await file.ReadAsync(anchor, cancellationToken))!;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or UnauthorizedAccessException or FormatException)
        {
            // The directory still works with what it holds; the file's problem is in the log for whoever edited it.
            LogUnreadable(exception, file.Path);
            return new SampleSeedResult(0, 0);
        }

        var added = 0;
        foreach (var offer in sample)
        {
            var sessions = offer.Sessions.Select(session => ScrubbedSession.Of(session, today)).ToList();
            added += await store.AddIfMissingAsync(ScrubbedOffer.Of(offer.Offer, today), sessions, SeedAuthor, cancellationToken) ? 1 : 0;
        }

        if (added > 0)
        {
            await store.MarkChangedAsync(cancellationToken);
        }

        LogSeeded(sample.Count, added);
        return new SampleSeedResult(sample.Count, added);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learning directory sample: {InFile} offers in the file, {Added} added")]
    private partial void LogSeeded(int inFile, int added);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the learning directory's sample offers in {Path}; the directory keeps what it holds")]
    private partial void LogUnreadable(Exception exception, string? path);
}
