namespace LearningBot.Privacy;

/// <summary>
/// A bed with its ward or bay ("bed 4 on Ward 7", "Ward 9, bed 3", "Bay 3 bed 2", "side room 2 on Ash Ward") points to
/// one patient on one day, so the bed's number goes; the ward stays. A bed alone ("the lady in bed 4") and a ward
/// alone ("Ward 7") say too little to go.
/// </summary>
internal static partial class NameFinder
{
    /// <summary>How many tokens either side of the bed a ward or bay is looked for: about a short clause.</summary>
    private const int WardWindow = 6;

    private static readonly HashSet<string> Beds = new(["bed", "cubicle", "cubical", "room", "bedroom"], StringComparer.Ordinal);

    private static void BedOnWard(string text, List<Token> tokens, int placeAt, int numberAt, List<Finding> found)
    {
        var place = Word(text, tokens[placeAt]).ToLowerInvariant();
        if (!Beds.Contains(place))
        {
            return;
        }

        // A bare "Room 2" is as often a meeting room; a side, single or isolation room on a ward is a patient's.
        if (place == "room" && !(placeAt > 0 && tokens[placeAt - 1].Kind == TokenKind.Word && PlaceModifiers.Contains(Word(text, tokens[placeAt - 1]).ToLowerInvariant())))
        {
            return;
        }

        var bayCounts = place != "room";
        for (var k = placeAt - 1; k >= Math.Max(0, placeAt - WardWindow) && !EndsClause(text, tokens[k]); k--)
        {
            if (IsWardOrBay(text, tokens, k, bayCounts))
            {
                found.Add(new Finding(tokens[numberAt].Start, tokens[numberAt].End, PersonalDataScrubber.BedNumber, Finding.Named));
                return;
            }
        }

        for (var k = numberAt + 1; k <= Math.Min(tokens.Count - 1, numberAt + WardWindow) && !EndsClause(text, tokens[k]); k++)
        {
            if (IsWardOrBay(text, tokens, k, bayCounts))
            {
                found.Add(new Finding(tokens[numberAt].Start, tokens[numberAt].End, PersonalDataScrubber.BedNumber, Finding.Named));
                return;
            }
        }
    }

    /// <summary>A full stop, semicolon, question or exclamation mark: "Bed 4 has a broken hoist; Ward 7 is waiting" is two things.</summary>
    private static bool EndsClause(string text, Token token) => token.Kind == TokenKind.Mark && text[token.Start] is '.' or ';' or '?' or '!';

    /// <summary>"Ward 7", "ward 7", "Ash Ward", "Bay 3" (for a bed, not a room: rooms are not in bays).</summary>
    private static bool IsWardOrBay(string text, List<Token> tokens, int at, bool bayCounts)
    {
        if (tokens[at].Kind != TokenKind.Word)
        {
            return false;
        }

        var word = Word(text, tokens[at]);
        var lower = word.ToLowerInvariant();
        var numbered = at + 1 < tokens.Count && tokens[at + 1].Kind == TokenKind.Number;
        if (numbered && (lower == "ward" || (bayCounts && lower == "bay")))
        {
            return true;
        }

        // "Ash Ward": a capitalised name then "Ward" ("the Ward" and "Elm Ward" after "on" alike, but not "Ward Sister").
        return word == "Ward" && at > 0 && tokens[at - 1].Kind == TokenKind.Word && IsCapitalised(Word(text, tokens[at - 1]))
            && !Function.Contains(Word(text, tokens[at - 1]));
    }
}
