using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.People;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>Where a person's review stands, in words.</summary>
public enum ReviewStatus
{
    InProgress,
    NeverReviewed,
    Overdue,
    DueSoon,
    Done,
}

/// <summary>
/// The "my team" card: everyone a manager looks after, with their review status, one button each; a large team a page
/// of <see cref="PageSize"/> at a time, which keeps the card well under Teams' 28 KB however many people report to them.
/// </summary>
public sealed class ReviewTeamView(ReviewStore store, IPeopleDirectory people, CardCatalog cards, TimeProvider clock, IOptions<ReviewOptions> options)
{
    /// <summary>People on one page of the team card: each takes about 1.1 KB with its two buttons.</summary>
    public const int PageSize = 15;

    public async Task<JsonObject> RenderAsync(string managerId, string note, CancellationToken cancellationToken, int page = 1) =>
        cards.Render(await DataAsync(managerId, note, cancellationToken, page));

    public async Task<ReviewTeamCardData> DataAsync(string managerId, string note, CancellationToken cancellationToken, int page = 1)
    {
        var team = await people.GetPeopleManagedByAsync(managerId, cancellationToken);
        var rows = await store.GetTeamRowsAsync(managerId, cancellationToken);
        foreach (var person in team.Where(p => !rows.People.ContainsKey(p.Id)))
        {
            await store.RememberPersonAsync(managerId, person.Id, person.DisplayName, person.Organisation, person.OrganisationKind, cancellationToken);
        }

        var today = ReviewDates.Today(clock);
        var pages = Math.Max(1, (team.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var members = team.Skip((page - 1) * PageSize).Take(PageSize)
            .Select(person => Member(person, rows.People.GetValueOrDefault(person.Id), rows.Drafts.GetValueOrDefault(person.Id), today)).ToList();
        return new ReviewTeamCardData(note, members.Count > 0, members,
            [.. ReviewChoices.OrganisationKinds.Select(k => new ChoiceData(k.Title, k.Value))])
        {
            PageLine = pages == 1 ? string.Empty : $"Page {page} of {pages}: {team.Count} people.",
            HasPrevious = page > 1,
            PreviousPage = page - 1,
            HasNext = page < pages,
            NextPage = page + 1,
        };
    }

    public ReviewStatus StatusOf(PersonIndexEntity? row, bool hasDraft, DateTimeOffset today) =>
        hasDraft ? ReviewStatus.InProgress
        : row?.NextReviewDue is not { } due ? ReviewStatus.NeverReviewed
        : due < today ? ReviewStatus.Overdue
        : due <= today.AddDays(options.Value.DueSoonDays) ? ReviewStatus.DueSoon
        : ReviewStatus.Done;

    private TeamMemberData Member(Person person, PersonIndexEntity? row, ReviewEntity? draft, DateTimeOffset today)
    {
        var first = ReviewSummary.FirstName(person.DisplayName);
        var due = row?.NextReviewDue is { } date ? ReviewDates.InWords(date) : string.Empty;
        var (status, colour) = StatusOf(row, draft is not null, today) switch
        {
            ReviewStatus.InProgress => ($"In progress: {(draft!.Step > ReviewSteps.Count ? "ready to confirm" : $"step {draft.Step} of {ReviewSteps.Count}")}", "accent"),
            ReviewStatus.NeverReviewed => ("Due: first review", "warning"),
            ReviewStatus.Overdue => ($"Overdue: was due on {due}", "attention"),
            ReviewStatus.DueSoon => ($"Due: on {due}", "warning"),
            _ => ($"Done: next due {due}", "good"),
        };
        var history = row?.LastReviewedAt is { } last
            ? $"Last review {ReviewDates.InWords(last)}, {(row.AcknowledgedAt is null ? (person.UsesTeams ? "not yet acknowledged" : "printed copy") : "acknowledged")}"
            : string.Empty;
        var detail = string.Join(", ", new[] { person.JobTitle, person.Organisation }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (!person.UsesTeams)
        {
            detail = (detail.Length > 0 ? detail + " " : string.Empty) + "(no Teams account)";
        }

        return new TeamMemberData(person.Id, person.DisplayName, detail, status, colour, history,
            draft is null
                ? ButtonTitle.WithName(first, n => $"Review {n}", "Start their review")
                : ButtonTitle.WithName(first, n => $"Carry on with {n}", "Carry on with the review"));
    }
}
