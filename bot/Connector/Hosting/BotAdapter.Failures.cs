using LearningBot.Connector.Schema;
using LearningBot.Storage;

namespace LearningBot.Connector.Hosting;

/// <summary>How a turn that failed is still answered: an apology with a reference, or, for what the sender sent that no record can have, a clear refusal.</summary>
public sealed partial class BotAdapter
{
    /// <summary>
    /// A failed turn never becomes a 500 (which would make the channel redeliver it): the user is told instead, with a
    /// reference that is also in the log. That covers a turn that ran out of time and one whose storage is unavailable.
    /// </summary>
    private async Task<InvokeResponse?> AnswerFailureAsync(TurnContext turn, Exception exception, bool ranOutOfTime)
    {
        if (exception is UnusableTableKeyException unreadable)
        {
            return await AnswerUnreadableAsync(turn, unreadable);
        }

        var reference = Guid.NewGuid().ToString("N")[..8];
        if (ranOutOfTime)
        {
            logger.LogError(exception, "Turn ran out of time for {ActivityType} {ActivityId} (reference {Reference})",
                turn.Activity.Type, turn.Activity.Id, reference);
        }
        else
        {
            logger.LogError(exception, "Turn failed for {ActivityType} {ActivityId} (reference {Reference})",
                turn.Activity.Type, turn.Activity.Id, reference);
        }

        var message = $"Sorry, something went wrong on my side. Please try again in a moment. If it keeps happening, quote reference {reference} to the L&D Support Team.";
        if (turn.Activity.IsInvoke)
        {
            return turn.Activity.Name == BotRouter.AdaptiveCardActionInvoke
                ? new InvokeResponse(StatusCodes.Status200OK, AdaptiveCardInvokeResponse.Message(message))
                : new InvokeResponse(StatusCodes.Status200OK, TaskModuleResponse.Message(message));
        }

        await TellAsync(turn, message, reference);
        return null;
    }

    private async Task TellAsync(TurnContext turn, string message, string? reference = null)
    {
        try
        {
            // Not the turn's deadline, which may be what failed it; the turn's connector budget still applies.
            using var apologyTime = new CancellationTokenSource(TurnLimits.ApologyTimeout);
            await turn.SendActivityAsync(turn.Activity.CreateReply() with { Text = message, TextFormat = "markdown" }, apologyTime.Token);
        }
        catch (Exception sendFailure)
        {
            logger.LogWarning(sendFailure, "Could not tell the user about failure {Reference}", reference ?? "(unreadable input)");
        }
    }

    /// <summary>
    /// An identifier the activity or its card sent that no record can have (too long, or with characters keys may not
    /// hold): no record can be found or written under it, so the sender is told the details could not be read, as for any
    /// other malformed card action, and the bot's own failures stay the only errors in the log.
    /// </summary>
    private async Task<InvokeResponse?> AnswerUnreadableAsync(TurnContext turn, UnusableTableKeyException exception)
    {
        logger.LogWarning("Could not read an identifier that {ActivityType} {ActivityId} sent: {Problem}",
            turn.Activity.Type, turn.Activity.Id, exception.Message);
        const string message = "Sorry, I could not read the details that were sent. Please start again from a fresh card.";
        if (turn.Activity.IsInvoke)
        {
            return turn.Activity.Name == BotRouter.AdaptiveCardActionInvoke
                ? new InvokeResponse(StatusCodes.Status400BadRequest, AdaptiveCardInvokeResponse.Error(StatusCodes.Status400BadRequest, "BadRequest", message))
                : new InvokeResponse(StatusCodes.Status400BadRequest);
        }

        await TellAsync(turn, message);
        return null;
    }
}
