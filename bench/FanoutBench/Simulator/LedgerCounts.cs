namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>
/// <paramref name="Delivered"/>: recipients' conversations with at least one message; <paramref name="Duplicates"/>:
/// messages received again in a conversation that already had the same content; times in seconds since the mark.
/// </summary>
internal sealed record LedgerCounts(int Delivered, long Messages, long Duplicates, int DuplicatedConversations, double? FirstDeliverySeconds, double? LastNewRecipientSeconds);
