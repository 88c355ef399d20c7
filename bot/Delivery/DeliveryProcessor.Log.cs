namespace LearningBot.Delivery;

/// <summary>What the delivery worker logs, as source-generated messages.</summary>
public sealed partial class DeliveryProcessor
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery queue message {MessageId} is not a work message; deleted")]
    private partial void LogMalformed(string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} is unknown; its queue message is deleted")]
    private partial void LogUnknownDelivery(string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: work message done here: {Sent} sent, {Waiting} waiting")]
    private partial void LogMessageDone(string deliveryId, int sent, int waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: a claim ran out before its outcome was recorded")]
    private partial void LogLeaseLost(string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: {Result}, but it could not be recorded; it will be recorded, not sent, next time")]
    private partial void LogNotRecorded(Exception exception, string deliveryId, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: a recipient failed after {Attempts} attempt(s) ({Code})")]
    private partial void LogGaveUp(string deliveryId, int attempts, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: settled recipients could not be counted on the header; the sweep will count them")]
    private partial void LogNotCounted(Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId}: the sender failed")]
    private partial void LogSenderFailed(Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: storage failed while working on a recipient; it is tried again shortly")]
    private partial void LogRowDeferred(Exception exception, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: claiming a recipient took most of the claim; it is left for a later pass rather than sent late")]
    private partial void LogClaimTooSlow(string deliveryId);
}
