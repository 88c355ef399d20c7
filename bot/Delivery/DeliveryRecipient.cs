namespace LearningBot.Delivery;

/// <summary>
/// One person or channel a delivery goes to. <paramref name="Key"/> is the person key (Entra object id, or
/// <c>local:…</c> for someone without Entra ID) for <see cref="RecipientKinds.Person"/>, or the channel's conversation id
/// for <see cref="RecipientKinds.Channel"/>. Organisation and its kind are kept for the delivery report (never the message).
/// </summary>
/// <param name="Conversation">For a channel: its stored conversation reference as JSON (serviceUrl, conversation id, tenant).</param>
public sealed record DeliveryRecipient(
    string Kind,
    string Key,
    string? Organisation = null,
    string? OrganisationKind = null,
    string? Conversation = null,
    bool UsesTeams = true)
{
    public static DeliveryRecipient Person(string personKey, string? organisation = null, string? organisationKind = null, bool usesTeams = true) =>
        new(RecipientKinds.Person, personKey, organisation, organisationKind, UsesTeams: usesTeams);
}
