namespace LearningBot.Cards;

/// <summary>Typed data for one card; the card's name ties the record to its template in <c>cards/</c>.</summary>
public interface ICardData
{
    /// <summary>The template's file name without <c>.json</c>, for example <c>welcome</c>.</summary>
    static abstract string CardName { get; }
}
