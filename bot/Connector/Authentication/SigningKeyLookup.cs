namespace LearningBot.Connector.Authentication;

internal readonly record struct SigningKeyLookup(SigningKey? Key, SigningKeySet? KeySet)
{
    public bool KeysUnavailable => KeySet is null;
}
