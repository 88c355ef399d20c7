using System.Text;

namespace LearningBot.FiveMinuteReview;

/// <summary>A review written out in plain sentences, for the summary card, the person's copy and the printable page.</summary>
public static class ReviewSummary
{
    /// <param name="forPerson">Worded for the person reviewed ("Your view") rather than the manager.</param>
    public static IReadOnlyList<SummarySection> Sections(ReviewEntity review, bool forPerson = false)
    {
        var firstName = FirstName(review.PersonName);
        var sections = new List<SummarySection>();
        Add(sections, "What has gone well", review.WentWell);
        Add(sections, "What could be even better", review.EvenBetter);
        Add(sections, "Working with the team", review.TeamWorking);
        Add(sections, "The difference made to patients and service users", review.DifferenceMade);
        Add(sections, forPerson ? "Your view" : $"{firstName}'s view", View(review, forPerson));
        Add(sections, "Objectives from last time", Carried(review));
        Add(sections, "New objectives", NewObjectives(review));
        Add(sections, "Learning and support", Learning(review));
        Add(sections, "How things are going", HowItsGoing(review));
        Add(sections, "To follow up", review.Concern);
        Add(sections, "Key points from the paper form", review.KeyPoints);
        Add(sections, $"How {FirstName(review.ManagerName)} can help", review.HelpFromManager);
        return sections;
    }

    public static string FirstName(string? displayName) =>
        displayName?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "them";

    private static string View(ReviewEntity review, bool forPerson)
    {
        var text = new StringBuilder();
        if (review.PersonOwnView.Length > 0)
        {
            text.Append(forPerson ? "What you sent beforehand: " : "In their own words, beforehand: ").Append(review.PersonOwnView);
        }

        if (review.PersonView.Length > 0)
        {
            text.Append(text.Length > 0 ? "\n\n" : string.Empty).Append(review.PersonView);
        }

        return text.ToString();
    }

    private static string Carried(ReviewEntity review)
    {
        var lines = review.Carried
            .Select(o => $"{o.What}: {ReviewChoices.TitleOf(ReviewChoices.Outcomes, o.Outcome).ToLowerInvariant()}.")
            .ToList();
        if (review.CarriedNote.Length > 0)
        {
            lines.Add(review.CarriedNote);
        }

        return string.Join("\n\n", lines);
    }

    private static string NewObjectives(ReviewEntity review) =>
        string.Join("\n\n", review.Objectives.Select((o, i) =>
            $"{i + 1}. {o.What}, by {ReviewDates.InWords(o.ByWhen)}." + (o.Measure.Length > 0 ? $" We'll know: {o.Measure}" : string.Empty)));

    private static string Learning(ReviewEntity review)
    {
        var lines = new List<string>();
        var needs = review.LearningNeedIds.Select(id => ReviewChoices.TitleOf(ReviewChoices.LearningNeeds, id)).Where(t => t.Length > 0).ToList();
        if (needs.Count > 0)
        {
            lines.Add($"Wants to learn about: {string.Join("; ", needs)}.");
        }

        if (review.LearningTopics.Length > 0)
        {
            lines.Add(needs.Count > 0 ? $"In more detail: {review.LearningTopics}." : $"Wants to learn: {review.LearningTopics}.");
        }

        var approaches = review.ApproachIds.Select(id => ReviewChoices.TitleOf(ReviewChoices.LearningApproaches, id)).Where(t => t.Length > 0).ToList();
        if (approaches.Count > 0)
        {
            lines.Add($"Ways to learn: {string.Join("; ", approaches)}.");
        }

        return string.Join("\n\n", lines);
    }

    private static string HowItsGoing(ReviewEntity review)
    {
        var overall = ReviewChoices.TitleOf(ReviewChoices.Overall, review.Overall);
        var wellbeing = ReviewChoices.TitleOf(ReviewChoices.Wellbeing, review.Wellbeing);
        var text = overall.Length > 0 ? $"Overall: {overall.ToLowerInvariant()}." : string.Empty;
        return wellbeing.Length > 0 ? $"{text} Wellbeing: {wellbeing.ToLowerInvariant()}.".Trim() : text;
    }

    private static void Add(List<SummarySection> sections, string title, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            sections.Add(new SummarySection(title, text));
        }
    }
}
