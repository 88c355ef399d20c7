namespace LearningBot.OneStopShop.Knowledge.Text;

/// <summary>
/// Folds American spellings onto British ones (the knowledge base is written in British English).
/// The -ize/-yze endings are folded by rule before stemming; other pairs are folded on their stems,
/// so every inflection (behaviors, programmes, practising…) follows.
/// </summary>
internal static class SpellingVariants
{
    private static readonly (string American, string British)[] Pairs =
    [
        ("behavior", "behaviour"), ("behavioral", "behavioural"), ("color", "colour"), ("favor", "favour"),
        ("favorite", "favourite"), ("honor", "honour"), ("humor", "humour"), ("labor", "labour"),
        ("neighbor", "neighbour"), ("rumor", "rumour"), ("endeavor", "endeavour"), ("vigor", "vigour"),
        ("center", "centre"), ("theater", "theatre"),
        ("program", "programme"), ("practise", "practice"), ("license", "licence"),
        ("licensing", "licencing"), ("defense", "defence"), ("offense", "offence"), ("pretense", "pretence"),
        ("catalog", "catalogue"), ("dialog", "dialogue"), ("analog", "analogue"), ("judgment", "judgement"),
        ("acknowledgment", "acknowledgement"), ("aging", "ageing"), ("enrollment", "enrolment"), ("enroll", "enrol"),
        ("fulfill", "fulfil"), ("fulfillment", "fulfilment"), ("skillful", "skilful"), ("installment", "instalment"),
        ("counseling", "counselling"), ("counselor", "counsellor"), ("modeling", "modelling"), ("traveling", "travelling"),
        ("traveled", "travelled"), ("labeled", "labelled"), ("labeling", "labelling"), ("canceled", "cancelled"),
        ("signaling", "signalling"), ("gray", "grey"), ("mold", "mould"), ("maneuver", "manoeuvre"),
        ("pediatric", "paediatric"), ("pediatrics", "paediatrics"), ("anesthetic", "anaesthetic"),
        ("anesthesia", "anaesthesia"), ("anesthetist", "anaesthetist"), ("hematology", "haematology"),
        ("orthopedic", "orthopaedic"), ("orthopedics", "orthopaedics"), ("gynecology", "gynaecology"),
        ("edema", "oedema"), ("esophagus", "oesophagus"), ("fetus", "foetus"), ("diarrhea", "diarrhoea"),
        ("leukemia", "leukaemia"), ("anemia", "anaemia"), ("estrogen", "oestrogen"), ("hemorrhage", "haemorrhage"),
        ("ischemia", "ischaemia"), ("cesarean", "caesarean"), ("etiology", "aetiology"), ("hospitalization", "hospitalisation"),
        ("mom", "mum"),
    ];

    private static readonly Dictionary<string, string> StemMap = BuildStemMap();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> StemLookup =
        StemMap.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Rewrites -ize/-yze words to -ise/-yse in place (organization → organisation, analyze → analyse).</summary>
    public static void FoldZEndings(Span<char> word)
    {
        // The z must be followed by a verb/noun ending and preceded by enough letters that it is not "size" or "prize".
        for (var i = 4; i < word.Length - 1; i++)
        {
            if (word[i] == 'z' && word[i - 1] is 'i' or 'y' && IsZEnding(word[(i + 1)..]))
            {
                word[i] = 's';
                return;
            }
        }
    }

    /// <summary>The British stem for an American stem, or null when the stem has no variant.</summary>
    public static string? BritishStem(ReadOnlySpan<char> stem) =>
        StemLookup.TryGetValue(stem, out var british) ? british : null;

    private static bool IsZEnding(ReadOnlySpan<char> rest) =>
        rest is "e" or "es" or "ed" or "ing" or "er" or "ers" or "ation" or "ations" or "able";

    private static Dictionary<string, string> BuildStemMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (american, british) in Pairs)
        {
            var from = EnglishStemmer.Stem(american);
            var to = EnglishStemmer.Stem(british);
            if (from != to)
            {
                map[from] = to;
            }
        }

        return map;
    }
}
