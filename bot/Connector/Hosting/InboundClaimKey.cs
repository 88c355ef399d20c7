namespace LearningBot.Connector.Hosting;

/// <summary>Where an activity's claim lives in <c>InboundActivities</c>.</summary>
public sealed record InboundClaimKey(string PartitionKey, string RowKey);
