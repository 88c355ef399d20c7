using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.Leads;

namespace LearningBot.GoodPractice.Networks;

/// <summary>Renders the card that asks which network a channel is for, and an approved example as a network's channel shows it.</summary>
public sealed class NetworkCards(CardCatalog cards, PracticeAlertCards alerts)
{
    /// <summary>The networks to choose from (active network entries of the register), for a channel called <paramref name="channel"/>.</summary>
    public JsonObject Pick(string channel, IReadOnlyList<LeadEntry> networks, string notice = "") =>
        cards.Render(new GoodPracticeNetworkPickCardData(channel, notice, [.. networks.Select(n => new LeadChoice(PlainNameOf(n), n.PersonKey))]));

    /// <summary>The example for the network's channel: no reactions (they belong to a person's own alert), only how to reach the author.</summary>
    public JsonObject Post(GoodPracticeExample example, LeadEntry network)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(network);
        var matched = example.TopicIds.Intersect(network.SpecialtyIds(), StringComparer.Ordinal).Select(SignalThemes.LabelOf);
#pragma warning disable LB0001 // Showing the network the stored (scrubbed) text of an approved example.
        return cards.Render(new GoodPracticeNetworkPostCardData(
            "the network led by " + NameOf(network),
            string.Join(", ", matched).ToLowerInvariant(),
            CardText.Literal(example.Title),
            ExampleCredit.Line(example),
            CardText.Literal(Shorten(example.Problem)),
            CardText.Literal(Shorten(example.WhatChanged)),
            string.Join(", ", example.TopicIds.Select(SignalThemes.LabelOf)),
            alerts.ContactUrl(example)));
#pragma warning restore LB0001
    }

    /// <summary>How a network is named: the register entry of its lead, with their role when there is one.</summary>
    public static string NameOf(LeadEntry network)
    {
        ArgumentNullException.ThrowIfNull(network);
#pragma warning disable LB0001 // The stored (scrubbed) role title of the network's lead.
        return network.RoleTitle is { Length: > 0 } role ? $"{CardText.Literal(network.Name)}, {CardText.Literal(role)}" : CardText.Literal(network.Name);
#pragma warning restore LB0001
    }

    /// <summary>The same in plain words, for a choice's title (not Markdown).</summary>
    public static string PlainNameOf(LeadEntry network)
    {
        ArgumentNullException.ThrowIfNull(network);
#pragma warning disable LB0001 // The stored (scrubbed) role title of the network's lead.
        return network.RoleTitle is { Length: > 0 } role ? $"{network.Name}, {role}" : network.Name;
#pragma warning restore LB0001
    }

    private static string Shorten(string text) =>
        text.Length <= PracticeAlertCards.LongestProblem
            ? text
            : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', PracticeAlertCards.LongestProblem) is > 0 and var cut ? cut : PracticeAlertCards.LongestProblem), "…");
}

/// <summary>Data for <c>good-practice-network-pick</c>: which network a channel is for.</summary>
public sealed record GoodPracticeNetworkPickCardData(string Channel, string Notice, IReadOnlyList<LeadChoice> Networks) : ICardData
{
    public static string CardName => "good-practice-network-pick";
}

/// <summary>Data for <c>good-practice-network-post</c>: one approved example posted in a network's channel. Typed text through <see cref="CardText.Literal"/>.</summary>
public sealed record GoodPracticeNetworkPostCardData(
    string Network, string Matched, string Title, string Organisation, string Problem, string WhatChanged, string Topics, string ContactUrl) : ICardData
{
    public static string CardName => "good-practice-network-post";
}
