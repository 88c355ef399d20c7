namespace LearningBot.OneStopShop.Answers;

/// <summary>The article's blocks and whether the end had to be left off to fit the card.</summary>
public sealed record ArticleLayout(IReadOnlyList<ArticleBlock> Blocks, bool Truncated);
