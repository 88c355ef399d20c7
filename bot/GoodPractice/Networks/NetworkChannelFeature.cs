using System.Globalization;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Leads;

namespace LearningBot.GoodPractice.Networks;

/// <summary>The pick card's button (input <c>network</c>: the person key of the network's register entry).</summary>
public static class NetworkChannelVerbs
{
    public const string Choose = "practice.network-channel";
}

/// <summary>
/// A network chooses the Teams channel its good practice is posted in: <c>set network channel</c>, @mentioning the bot in
/// that channel, by the network's lead (their own entry of kind network-lead in the register) or the L&amp;D Support Team,
/// who pick the network on a card; <c>network channel</c> says where each posts; <c>stop network channel</c> stops it.
/// Who may is decided from the register and the caller's roles, never from what a card sends back.
/// </summary>
public sealed class NetworkChannelFeature(
    NetworkChannelStore channels,
    NetworkNotifier networks,
    NetworkCards cards,
    IRoleCheck roles,
    TimeProvider clock,
    ILogger<NetworkChannelFeature> logger) : IBotFeature
{
    public const string NotNetworkLead =
        "Only a network's lead, as the register of leads has them, or the L&D Support Team can choose where a network's good practice is posted. If you lead a network, ask the L&D Support Team to add you to the register.";

    public const string InTheChannel =
        "Please do this in the network's Teams channel: @mention me there and say \"set network channel\".";

    public void MapRoutes(BotRoutes routes) => routes
        .OnCommand(SetAsync, "set network channel", "set the network channel", "use this channel for the network")
        .OnCardAction(NetworkChannelVerbs.Choose, ChooseAsync)
        .OnCommand(ShowAsync, "network channel", "network channels")
        .OnCommand(StopAsync, "stop network channel", "stop the network channel");

    private async Task SetAsync(ITurnContext turn)
    {
        var (mine, all) = await AllowedAsync(turn.Caller, turn.Aborted);
        if (all is null && mine.Count == 0)
        {
            await turn.SendTextAsync(NotNetworkLead);
            return;
        }

        if (await NamedChannelOfAsync(turn) is not { } channel)
        {
            await turn.SendTextAsync(InTheChannel);
            return;
        }

        if (all is null && mine.Count == 1)
        {
            await turn.SendTextAsync(await RecordAsync(mine[0], channel, turn.Caller, turn.Aborted));
            return;
        }

        var choices = all ?? mine;
        if (choices.Count == 0)
        {
            await turn.SendTextAsync("There are no networks in the register of leads yet. Add the network's lead to the register (type \"add lead\") first.");
            return;
        }

        await turn.SendCardAsync(cards.Pick(ThisChannel(channel), choices));
    }

    private async Task<CardActionResult> ChooseAsync(ITurnContext turn, CardActionRequest action)
    {
        var (mine, all) = await AllowedAsync(turn.Caller, turn.Aborted);
        var choices = all ?? mine;
        if (choices.Count == 0)
        {
            return CardActionResult.Message(NotNetworkLead);
        }

        if (await NamedChannelOfAsync(turn) is not { } channel)
        {
            return CardActionResult.Message(InTheChannel);
        }

        if (CardSubmission.Refusal(cards.Pick(ThisChannel(channel), choices), action.Submitted()) is { } refusal)
        {
            return refusal;
        }

        var chosen = action.GetString("network") ?? string.Empty;
        if (choices.FirstOrDefault(n => n.PersonKey == LeadEntry.Normalise(chosen)) is not { } network)
        {
            return CardActionResult.Message(NotNetworkLead);
        }

        var done = await RecordAsync(network, channel, turn.Caller, turn.Aborted);
        await turn.SendTextAsync(done);
        return CardActionResult.Message(done);
    }

    private async Task ShowAsync(ITurnContext turn)
    {
        var (mine, all) = await AllowedAsync(turn.Caller, turn.Aborted);
        var shown = all ?? mine;
        if (shown.Count == 0)
        {
            await turn.SendTextAsync(all is null ? NotNetworkLead : "There are no networks in the register of leads yet.");
            return;
        }

        var chosen = (await channels.ListAsync(turn.Aborted)).ToDictionary(c => c.RowKey, StringComparer.Ordinal);
        var lines = shown.Select(network => chosen.TryGetValue(network.RowKey, out var channel)
            ? $"- {NetworkCards.NameOf(network)}: posted in {Where(channel)} (chosen by {channel.SetByName} on {UkTime.Local(channel.SetAt).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})."
            : $"- {NetworkCards.NameOf(network)}: no channel yet. Say \"set network channel\" in the network's channel, @mentioning me.");
        await turn.SendTextAsync("Where networks' good practice is posted:\n\n" + string.Join("\n", lines));
    }

    /// <summary>In a channel: the networks posting there that the caller may change; in a chat: the caller's own networks.</summary>
    private async Task StopAsync(ITurnContext turn)
    {
        var (mine, all) = await AllowedAsync(turn.Caller, turn.Aborted);
        var allowed = all ?? mine;
        if (allowed.Count == 0)
        {
            await turn.SendTextAsync(NotNetworkLead);
            return;
        }

        var here = ChannelOf(turn);
        var chosen = (await channels.ListAsync(turn.Aborted)).ToDictionary(c => c.RowKey, StringComparer.Ordinal);
        var stopping = allowed.Where(n => chosen.TryGetValue(n.RowKey, out var channel) && (here is null || channel.ConversationId == here.ConversationId)).ToList();
        if (here is null && all is not null && mine.Count == 0)
        {
            await turn.SendTextAsync("Please do this in the network's channel: @mention me there and say \"stop network channel\".");
            return;
        }

        if (stopping.Count == 0)
        {
            await turn.SendTextAsync(here is null ? "Your network's good practice is not posted in any channel." : "No network's good practice is posted in this channel.");
            return;
        }

        foreach (var network in stopping)
        {
            await channels.RemoveAsync(network.PersonKey, turn.Aborted);
        }

        await turn.SendTextAsync("Done: I will no longer post good practice for " + string.Join(" or ", stopping.Select(NetworkCards.NameOf))
            + (here is null ? "." : " in this channel.") + " Say \"set network channel\" in a channel to start again.");
    }

    /// <summary>The caller's own networks, and every network when they are in the L&amp;D Support Team (otherwise null).</summary>
    private async Task<(IReadOnlyList<LeadEntry> Mine, IReadOnlyList<LeadEntry>? All)> AllowedAsync(Caller caller, CancellationToken cancellationToken)
    {
        var every = await networks.NetworksAsync(cancellationToken);
        var keys = new[] { caller.AadObjectId, caller.TeamsId }.OfType<string>().Where(k => k.Length > 0).Select(LeadEntry.Normalise).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<LeadEntry> mine = [.. every.Where(n => keys.Contains(n.PersonKey))];
        return (mine, await roles.HoldsAsync(caller, Roles.SupportTeam, cancellationToken) ? every : null);
    }

    private async Task<string> RecordAsync(LeadEntry network, NetworkChannel channel, Caller caller, CancellationToken cancellationToken)
    {
        await channels.SetAsync(channel with
        {
            RowKey = NetworkChannel.RowKeyFor(network),
            NetworkKey = network.PersonKey,
            SetByKey = caller.PersonKey ?? string.Empty,
            SetByName = caller.DisplayName,
            SetAt = clock.GetUtcNow(),
        }, cancellationToken);
        return $"Done: when the good-practice editors approve an example that matches the topics of {NetworkCards.NameOf(network)} ("
            + string.Join(", ", network.SpecialtyIds().Select(SignalThemes.LabelOf)).ToLowerInvariant()
            + $"), I will post it in {ThisChannel(channel)}. Say \"stop network channel\" here to stop.";
    }

    private static string ThisChannel(NetworkChannel channel) =>
        channel.ChannelName is { Length: > 0 } name ? $"this channel ({name})" : "this channel";

    private static string Where(NetworkChannel channel) => (channel.TeamName, channel.ChannelName) switch
    {
        ({ Length: > 0 } team, { Length: > 0 } name) => $"{team}, {name}",
        ({ Length: > 0 } team, _) => $"a channel of {team}",
        (_, { Length: > 0 } name) => name,
        _ => "a Teams channel",
    };

    /// <summary>The channel the turn is in with its name, which messages do not carry: read from the team's channel list, or empty when it cannot be.</summary>
    private async Task<NetworkChannel?> NamedChannelOfAsync(ITurnContext turn) =>
        ChannelOf(turn) is not { } channel ? null
        : channel.ChannelName.Length > 0 ? channel
        : channel with { ChannelName = await TeamsChannelNames.FindAsync(turn, logger) ?? string.Empty };

    /// <summary>The channel the turn is in (its root conversation, not the reply thread), or null outside a channel.</summary>
    private static NetworkChannel? ChannelOf(ITurnContext turn)
    {
        var activity = turn.Activity;
        var channelData = activity.GetTeamsChannelData();
        if (activity.Conversation?.ConversationType != "channel" && channelData.Channel is null)
        {
            return null;
        }

        var reference = turn.ConversationReference;
        var root = ChannelRoot(reference.Conversation!.Id!);
        return new NetworkChannel
        {
            Conversation = NetworkNotifier.Serialise(reference with { Conversation = reference.Conversation with { Id = root } }),
            ConversationId = root,
            TeamName = channelData.Team?.Name,
            ChannelName = channelData.Channel?.Name ?? string.Empty,
        };
    }

    private static string ChannelRoot(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }
}
