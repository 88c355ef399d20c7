using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>The verbs of "Record what we did" on the alert card.</summary>
public static class YouSaidWeDidVerbs
{
    /// <summary>Shows the form (data <c>form</c>: <c>record</c>), or the card without it.</summary>
    public const string Form = "signal.loop.form";

    public const string Record = "signal.loop.record";
}

/// <summary>
/// Closing the loop: once an alert is taken or in hand, a lead it was sent to records what was done; the liaison staff
/// who logged the theme's signals are told once. Routes guarded to <see cref="Roles.Lead"/>; then only a recipient of the
/// stored alert may record.
/// </summary>
public sealed class YouSaidWeDidFeature(SignalAlerts alerts, SignalAlertCards cards, YouSaidWeDidLoop loop, TimeProvider clock) : IBotFeature
{
    public const string RecordForm = "record";
    public const string NotYet = "What was done can be recorded once a lead has taken this alert or said it is already in hand.";
    public const string Saved = "Saved. The liaison staff who passed this feedback on have been told what was done.";
    private const string AlertGone = "I can't find that alert any more.";
    private const string NotALink = "Please give a web address starting https:// or http://, or leave it empty.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.Lead, SignalAlertsFeature.OnlyLeads)
            .OnCardAction(YouSaidWeDidVerbs.Form, ShowFormAsync)
            .OnCardAction(YouSaidWeDidVerbs.Record, RecordAsync);

    private async Task<CardActionResult> ShowFormAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await MayRecordAsync(turn, action) is { Refusal: { } refusal })
        {
            return refusal;
        }

        var alert = (await AlertOf(action, turn.Aborted))!;
        var record = await loop.FindAsync(alert.AlertId, turn.Aborted);
        return action.GetString("form") == RecordForm
            ? CardActionResult.Replace(Form(alert, record?.Shown().Done ?? string.Empty, record?.Month ?? ThisMonth(), record?.Shown().Link ?? string.Empty))
            : CardActionResult.Replace(cards.Alert(alert, extend: data => WithRecord(data, record)));
    }

    /// <summary>
    /// Saves what was done, checked and scrubbed: when the scrubber removed something the form comes back with the scrubbed
    /// text and says what was removed, and Save again goes through (scrubbed text scrubs to itself).
    /// </summary>
    private async Task<CardActionResult> RecordAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await MayRecordAsync(turn, action) is { Refusal: { } refusal })
        {
            return refusal;
        }

        var alert = (await AlertOf(action, turn.Aborted))!;
        var done = action.GetString("done") ?? string.Empty;
        var month = action.GetString("month") ?? string.Empty;
        var link = (action.GetString("link") ?? string.Empty).Trim();
        var form = Form(alert, done, month, link);
        if (CardSubmission.Refusal(form, action.Submitted(), alsoWrong: Problems(done, month, link)) is { } wrong)
        {
            return wrong;
        }

        var today = UkTime.Today(clock);
        var scrubbedDone = PersonalDataScrubber.Scrub(done, today);
        var scrubbedLink = PersonalDataScrubber.Scrub(link, today);
        if (scrubbedDone.WasScrubbed || scrubbedLink.WasScrubbed)
        {
            var removed = PersonalDataScrubber.DescribeAll(scrubbedDone.Removed.Concat(scrubbedLink.Removed).Distinct());
            return CardActionResult.Replace(Form(alert, scrubbedDone.Truncate(SignalChoices.NoteLimit).Text, month, scrubbedLink.Truncate(SignalChoices.NoteLimit).Text, removed));
        }

        var record = await loop.RecordAsync(alert, scrubbedDone, month, scrubbedLink, turn.Caller.PersonKey!, turn.Aborted);
        return CardActionResult.Update(cards.Alert(alert, notice: Saved, extend: data => WithRecord(data, record)));
    }

    private async Task<(CardActionResult? Refusal, SignalAlert? Alert)> MayRecordAsync(ITurnContext turn, CardActionRequest action)
    {
        var alert = await AlertOf(action, turn.Aborted);
        return alert switch
        {
            null => (CardActionResult.Message(AlertGone), null),
            _ when !alert.IsRecipient(turn.Caller.PersonKey) => (CardActionResult.Message(SignalAlertsFeature.NotYours), alert),
            { Status: not (SignalAlert.Taken or SignalAlert.InHand) } => (CardActionResult.Message(NotYet), alert),
            _ => (null, alert),
        };
    }

    private JsonObject Form(SignalAlert alert, string done, string month, string link, string removed = "") =>
        cards.Alert(alert, extend: data => data with
        {
            CanRecordWhatWasDone = false,
            RecordForm = true,
            DoneValue = done,
            MonthValue = month,
            LinkValue = link,
            Removed = removed,
            Months = MonthChoices(),
        });

    /// <summary>The alert card's data with what was done, when it was recorded.</summary>
    public static SignalAlertCardData WithRecord(SignalAlertCardData data, YouSaidWeDid? record) => record is null ? data : data with
    {
        WhatWasDone = CardText.Literal(record.Shown().Done),
        WhatWasDoneMonth = MonthInWords(record.Month),
        WhatWasDoneLink = CardText.Literal(record.Shown().Link),
    };

    private IEnumerable<CardInputProblem> Problems(string done, string month, string link)
    {
        if (done.Length > SignalChoices.NoteLimit)
        {
            yield return new CardInputProblem("done", "Longer than the limit.", $"Please keep it to {SignalChoices.NoteLimit} characters.");
        }

        if (!MonthChoices().Offers(month))
        {
            yield return new CardInputProblem("month", "Not on the list.", "Please choose the month from the list.");
        }

        if (link.Length > 0 && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new CardInputProblem("link", "Not a web address.", NotALink);
        }
    }

    /// <summary>This month and the eleven before it, newest first.</summary>
    private IReadOnlyList<SignalChoice> MonthChoices()
    {
        var now = UkTime.Local(clock.GetUtcNow());
        var first = new DateOnly(now.Year, now.Month, 1);
        return [.. Enumerable.Range(0, 12).Select(back => first.AddMonths(-back))
            .Select(month => new SignalChoice(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)))];
    }

    private string ThisMonth() => UkTime.Local(clock.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string MonthInWords(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : month;

    private Task<SignalAlert?> AlertOf(CardActionRequest action, CancellationToken cancellationToken) =>
        action.GetString("alertId") is { Length: > 0 } id ? alerts.FindAsync(id, cancellationToken) : Task.FromResult<SignalAlert?>(null);
}
