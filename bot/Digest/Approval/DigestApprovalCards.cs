using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Digest.Print;

namespace LearningBot.Digest.Approval;

/// <summary>The approval's cards, and the words for where approval stands that the editor's card shows.</summary>
public sealed class DigestApprovalCards(CardCatalog cards, DigestPrintLinks printLinks)
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>
    /// The approval card for someone approving <paramref name="scopes"/> (the scopes their press would approve), with a
    /// shorter form for an edition too long for a Teams card: each item's first lines and a link to the whole edition
    /// to read before deciding.
    /// </summary>
    public CardReply Request(DigestEdition edition, IReadOnlyList<string> scopes, string notice = "", string comment = "", string removed = "")
    {
        var record = DigestApprovalRecord.Of(edition);
        var waiting = edition.Status == DigestStatus.AwaitingApproval;
        var yourPart = scopes.Count == 0
            ? "You can ask for changes to this edition."
            : $"You are asked to approve {string.Join(" and ", scopes.Select(DigestApprovers.ScopeTitle))}.";
        var items = DigestCards.ReaderItems(edition);
        var data = new DigestApprovalCardData(
            edition.Number, record.RequestedVersion, $"{edition.Title} for approval", DigestCards.Period(edition),
            record.RequestedByName.Length > 0 ? $"Sent for approval by {record.RequestedByName}." : string.Empty,
            yourPart, StatusWords(edition), notice, waiting, comment, removed,
            DigestCards.ReaderHeadlines(edition), items);
        var whole = printLinks.Preview(edition.Number) is { Length: > 0 } link
            ? $"[Read the whole edition]({link}) before you decide."
            : "Ask the editor for the printed preview to read the whole edition before you decide.";
        var tooLong = $"This edition is too long to show in full in Teams, so each item shows its first lines. {whole}";
        return new(
            cards.Render(data),
            cards.Render(data with { Notice = notice.Length > 0 ? $"{notice} {tooLong}" : tooLong, Headlines = [], Items = DigestCards.Shortened(items) }));
    }

    public JsonObject ChangesRequested(DigestEdition edition)
    {
        var record = DigestApprovalRecord.Of(edition);
        return cards.Render(new DigestApprovalNewsCardData(
            edition.Number, $"Changes requested: {edition.Title}",
            $"{record.ChangesByName} asked for changes before {edition.Title} can be sent. You can edit it again, then send it for approval.",
            CardText.Literal(record.CommentShown())));
    }

    public JsonObject Approved(DigestEdition edition) => cards.Render(new DigestApprovalNewsCardData(
        edition.Number, $"{edition.Title} is approved", StatusWords(edition) + " It can now be scheduled and sent.", string.Empty));

    public JsonObject History(DigestEdition edition, IReadOnlyList<DigestHistoryLine> lines) =>
        cards.Render(new DigestHistoryCardData(edition.Number, $"{edition.Title}: history", lines));

    /// <summary>Where approval stands, in words: "Waiting for approval from …", "Changes requested by …: …", "Approved by … on …".</summary>
    public static string StatusWords(DigestEdition edition)
    {
        var record = DigestApprovalRecord.Of(edition);
        var approvedSoFar = record.Approvals.Count == 0
            ? string.Empty
            : " Approved so far: " + string.Join("; ", record.Approvals.Select(mark => $"{DigestApprovers.ScopeTitle(mark.Scope)} by {mark.Name}")) + ".";
        return edition.Status switch
        {
            DigestStatus.AwaitingApproval when record.AwaitingFrom.Count > 0 => $"Waiting for approval from {string.Join(", ", record.AwaitingFrom)}.{approvedSoFar}",
            DigestStatus.AwaitingApproval => $"Waiting for approval.{approvedSoFar}",
            DigestStatus.ChangesRequested => $"Changes requested by {record.ChangesByName}: {CardText.Literal(record.CommentShown())}",
            DigestStatus.Approved or DigestStatus.Scheduled when record.Approvals.Count > 0 =>
                $"Approved by {string.Join(" and ", record.Approvals.Select(mark => mark.Name).Distinct(StringComparer.Ordinal))} on {UkTime.Local(record.Approvals.Max(mark => mark.At)).ToString("d MMMM yyyy", English)}.",
            DigestStatus.Draft => "Not yet sent for approval.",
            _ => string.Empty,
        };
    }
}
