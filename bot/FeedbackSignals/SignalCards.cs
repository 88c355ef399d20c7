using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.FeedbackSignals;

/// <summary>Renders the feedback signal cards: the form and the thank-you.</summary>
public sealed class SignalCards(CardCatalog cards)
{
    /// <summary>An empty form with a token of its own.</summary>
    public JsonObject NewForm() => Form(SignalLogCardData.For(NewFormToken(), SignalAnswers.None));

    public JsonObject Form(SignalLogCardData data) => cards.Render(data);

    public JsonObject Logged(FeedbackSignal signal) =>
        cards.Render(new SignalLoggedCardData(
            SignalChoices.Sources.TitleOf(signal.Source),
            SignalChoices.OrganisationKinds.TitleOf(signal.OrganisationKind),
            SignalChoices.ServiceAreas.TitleOf(signal.ServiceArea),
            SignalThemes.All.TitleOf(signal.Theme),
            SignalChoices.Kinds.TitleOf(signal.Kind),
            SignalChoices.Frequencies.TitleOf(signal.Frequency),
            SignalChoices.Causes.TitleOf(signal.Cause),
            CardText.Literal(signal.Note),
            MonthInWords(signal.MonthLogged)));

    public static string NewFormToken() => Guid.NewGuid().ToString("N");

    /// <summary>"December 2026" for <c>2026-12</c>.</summary>
    private static string MonthInWords(string month) =>
        DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : month;
}
