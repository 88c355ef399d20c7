using System.ComponentModel.DataAnnotations;

namespace LearningBot.Cards;

/// <summary>Settings section <c>Cards</c>.</summary>
public sealed record CardsOptions : IValidatableObject
{
    public const string Section = "Cards";

    /// <summary>Folder holding the card templates; defaults to <c>cards</c> beside the application.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "cards");

    /// <summary>
    /// Whether cards show notes that the data behind them is sample data ("Sample people for demonstration"): by default
    /// only in the Development environment, so people using the bot in production never see them.
    /// </summary>
    public bool? ShowSampleNotes { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            yield return new($"{Section}:{nameof(Directory)} must name the folder that holds the card templates.", [nameof(Directory)]);
        }
    }
}
