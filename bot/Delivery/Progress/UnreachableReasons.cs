namespace LearningBot.Delivery.Progress;

/// <summary>
/// The reasons a recipient could not be reached (<see cref="Sending.RecipientSendResult.Unreachable"/>), in words for
/// the summary. People without Teams are not a failure: they are counted for the printed edition.
/// </summary>
public static class UnreachableReasons
{
    public const string NoTeams = "no-teams";

    /// <summary>"9 have left the organisation"; an unknown code is described generally.</summary>
    public static string Describe(string? reason, int count)
    {
        var one = count == 1;
        return reason switch
        {
            "app-blocked" => $"{DeliveryProgressCards.Number(count)} {(one ? "has" : "have")} blocked the bot",
            "left-organisation" => $"{DeliveryProgressCards.Number(count)} {(one ? "has" : "have")} left the organisation",
            "bot-removed" => $"{DeliveryProgressCards.Number(count)} removed the bot",
            "no-conversation" => $"{DeliveryProgressCards.Number(count)} could not be given a chat with the bot",
            _ => $"{DeliveryProgressCards.Number(count)} for another reason",
        };
    }
}
