using System.ComponentModel.DataAnnotations;

namespace LearningBot.Digest.Print;

/// <summary>
/// Settings of the printable edition and the print pack (section <c>Digest:Print</c>). The contact defaults are the
/// one-stop shop's own entries in the who's who (<c>knowledge/whos-who.json</c>, <c>ldst-one-stop-shop</c>); a deployment
/// sets its postal address.
/// </summary>
public sealed class DigestPrintOptions
{
    public const string Section = "Digest:Print";

    /// <summary>The one-stop shop's phone number, printed on every edition.</summary>
    [Required]
    public string Phone { get; set; } = "01632 960141";

    /// <summary>Where people without a computer write to, printed on every edition.</summary>
    [Required]
    public string PostalAddress { get; set; } = "The One-Stop Shop, Learning and Development Support Team";

    /// <summary>
    /// Copies suggested per person in the directory who has no Teams account at the base (they cannot read the digest
    /// on screen): 1 means one copy each, to take away or read on the notice board.
    /// </summary>
    [Range(0.1, 10)]
    public double CopiesPerPersonWithoutTeams { get; set; } = 1;

    /// <summary>The fewest copies suggested for a base: a staff room, a notice board and a few to hand out.</summary>
    [Range(1, 1000)]
    public int MinimumCopies { get; set; } = 5;

    /// <summary>A number of copies set for a base by name (<c>Digest:Print:Copies:Harbour Lane Community Trust</c> = 40), which wins over the count.</summary>
    public Dictionary<string, int> Copies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
