using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LearningBot.Cards;

/// <summary>Notes that what a card shows is sample data, kept out of cards outside Development unless <c>Cards:ShowSampleNotes</c> says so.</summary>
public sealed class SampleNotes(IOptions<CardsOptions> options, IHostEnvironment environment)
{
    public bool Show => options.Value.ShowSampleNotes ?? environment.IsDevelopment();

    /// <summary>The note when sample notes are shown, else null.</summary>
    public string? Of(string? note) => Show && !string.IsNullOrWhiteSpace(note) ? note : null;
}
