namespace LearningBot.Storage;

/// <summary>
/// A PartitionKey or RowKey the Table service would refuse: too long, or holding a character keys may not contain. Keys
/// are made from identifiers, and identifiers can come from what a card or an activity sent, so the turn that meets one
/// answers that it could not read what was sent instead of failing.
/// </summary>
public sealed class UnusableTableKeyException(string message, string keyName) : ArgumentException(message, keyName);
