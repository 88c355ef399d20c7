namespace LearningBot.Cards;

/// <summary>Settings section <c>Cards</c>.</summary>
public sealed class CardsOptions
{
    public const string SectionName = "Cards";

    /// <summary>Folder holding the card templates; defaults to <c>cards</c> beside the application.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "cards");
}
