namespace LearningBot.OneStopShop.Answers;

/// <summary>One TextBlock of an article shown on a card.</summary>
/// <param name="Weight">Adaptive Cards text weight: <c>Bolder</c> for headings, <c>Default</c> otherwise.</param>
/// <param name="Size">Adaptive Cards text size: <c>Medium</c> for top-level headings, <c>Default</c> otherwise.</param>
/// <param name="Spacing">Space above: <c>Medium</c> before a heading, <c>Small</c> otherwise.</param>
public sealed record ArticleBlock(string Text, string Weight = "Default", string Size = "Default", string Spacing = "Small");
