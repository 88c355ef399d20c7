using LearningBot.Connector.Hosting;
using LearningBot.People;

namespace LearningBot.LearningDirectory;

/// <summary>The kind of organisation the person in a turn works for, from the people directory (never from a card).</summary>
public sealed class AskerOrganisation(IPeopleDirectory people, ILogger<AskerOrganisation> logger)
{
    /// <summary>The caller's kind of organisation, or null when unknown or the directory cannot be read.</summary>
    public async Task<string?> KindAsync(ITurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Caller.PersonKey is not { } key)
        {
            return null;
        }

        try
        {
            return (await people.GetPersonAsync(key, turn.Aborted))?.OrganisationKind is { Length: > 0 } kind ? kind : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Knowing the kind only narrows what is shown; an outage must not stop the answer.
            logger.LogWarning(exception, "Could not look up the caller in the people directory; showing what is open to everyone");
            return null;
        }
    }
}
