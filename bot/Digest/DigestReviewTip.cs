using LearningBot.Calendar;
using LearningBot.FiveMinuteReview;
using LearningBot.Privacy;
using Microsoft.Extensions.Options;

namespace LearningBot.Digest;

/// <summary>
/// The Five Minute Review item of an edition: a tip (the next of <see cref="Tips"/>, by the month the period ends), and
/// the coverage headline ("240 of 1,200 people (20%) have had a review in the last 12 months"), left out whenever any
/// figure in it would be below <see cref="SmallNumbers.Threshold"/>: the digest goes to everyone.
/// </summary>
public sealed class DigestReviewTip(ReviewStore reviews, TimeProvider clock, IOptions<ReviewOptions> options)
{
    public static IReadOnlyList<(string Title, string Text)> Tips { get; } =
    [
        ("Start with what went well", "Open the review with one thing the person did well this month. It sets the tone, and it only takes a minute."),
        ("One objective is enough", "A single clear objective that the person agrees with is worth more than five they will forget. Type review to start one."),
        ("Learning is more than courses", "When you talk about learning needs, think of shadowing, mentoring, learning sets and reading as well as courses."),
        ("Keep it regular", "Short reviews every few months keep everyone on track better than one long review a year."),
        ("Let the person see it", "Send the person their copy: they can add their view, and it is theirs to keep."),
        ("No time? Five minutes will do", "The review is built to take five minutes. Start it between other tasks and come back to it later if you need to."),
    ];

    public async Task<DigestItem> ItemAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.Today(now);
        var (title, text) = Tips[now.Month % Tips.Count];
        var headline = await CoverageHeadlineAsync(now, cancellationToken);
        var body = headline is null ? text : $"{text}\n{headline}";
        return DigestItem.Of(DigestItemKinds.ReviewTip, $"tip-{now.Month % Tips.Count}", PersonalDataScrubber.Scrub($"Five Minute Review: {title.ToLowerInvariant()}", today),
            PersonalDataScrubber.Scrub(body, today), ScrubbedText.Empty);
    }

    /// <summary>The coverage headline, or null when any count in it is below the threshold.</summary>
    public async Task<string?> CoverageHeadlineAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var months = options.Value.CoverageMonths;
        var people = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var person in reviews.QueryPeopleAsync(cancellationToken))
        {
            people.Add(person.PersonId);
        }

        var reviewed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var review in reviews.QueryConfirmedSinceAsync(now.AddMonths(-months), cancellationToken))
        {
            if (people.Contains(review.PersonId))
            {
                reviewed.Add(review.PersonId);
            }
        }

        if (people.Count < SmallNumbers.Threshold || reviewed.Count < SmallNumbers.Threshold || SmallNumbers.IsSmall(people.Count - reviewed.Count))
        {
            return null;
        }

        return $"Across the community, {SmallNumbers.Share(reviewed.Count, people.Count, "people")} have had a Five Minute Review in the last {months} months.";
    }
}
