namespace LearningBot.Delivery.Sending;

/// <summary>At most <paramref name="Count"/> messages to one conversation in any <paramref name="Window"/>.</summary>
public readonly record struct ConversationLimit(int Count, TimeSpan Window);
