namespace LearningBot.OneStopShop.Knowledge.Text;

/// <summary>A multi-word (or single-word) synonym phrase found in the text.</summary>
internal readonly record struct PhraseMatch(int FirstToken, int TokenCount, int Group);
