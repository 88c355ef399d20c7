namespace LearningBot.Privacy;

/// <summary>
/// Names where the text itself says a name is coming: after a title (<c>Mrs Joan Smith</c>, <c>Dr. A. Patel</c>,
/// <c>Sister Mary</c>, <c>mr jones</c>) and beside a bed, room or bay (<c>Mary in bed 4</c>, <c>room 12, Joan Smith</c>).
/// The title, bed and room stay; up to three name words go. Words that are plainly not names ("and", "Training",
/// "Associate", "Ward") stop a name. One pass over the text's words.
/// </summary>
internal static class NameFinder
{
    private const int MaxNameWords = 3;

    /// <summary>Titles after which any word that is not a function word is a name, lower-case ones included.</summary>
    private static readonly HashSet<string> LowerCaseNameTitles = new(["mr", "mrs", "dr", "mx"], StringComparer.Ordinal);

    /// <summary>Titles followed by a capitalised name (or initial).</summary>
    private static readonly HashSet<string> StrongTitles = new(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd"], StringComparer.Ordinal);

    /// <summary>Words that are titles only before a capitalised word that is not a role ("Nurse Associate", "Sister Ward").</summary>
    private static readonly HashSet<string> WeakTitles = new(
        ["sister", "sr", "nurse", "matron", "doctor", "professor", "father", "fr", "master", "sir", "dame", "reverend", "pastor", "rabbi", "imam"],
        StringComparer.Ordinal);

    /// <summary>Surnames that are also ordinary words: kept as part of a name already begun ("Mrs Joan Ward"), unless a number follows ("Ward 4").</summary>
    private static readonly HashSet<string> Surnames = new(
        ["ward", "day", "law", "page", "bank", "banks", "church", "house", "may", "march", "nurse", "sister", "bay", "bishop", "chambers"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// People a patient's details come with ("my patient John Smith", "her son Daniel", "service user: Tom Hughes"),
    /// in lower case: "Patient Safety" and "Resident Doctors" are headings, not a person and a name.
    /// </summary>
    private static readonly HashSet<string> Relations = new(
        [
            "patient", "resident", "client", "son", "daughter", "husband", "wife", "mum", "mother", "dad", "brother", "grandson",
            "granddaughter", "grandmother", "grandfather", "nan", "gran", "grandma", "grandad", "grandpa", "nephew", "niece", "aunt", "uncle",
            "neighbour", "stepson", "stepdaughter", "fiancé", "fiance", "boyfriend", "girlfriend",
        ],
        StringComparer.Ordinal);

    /// <summary>Capitalised words that follow "patient" or "client" in names of services and roles ("patient Safety Specialist").</summary>
    private static readonly HashSet<string> AfterRelationNotNames = new(
        [
            "safety", "experience", "experiences", "participation", "advice", "liaison", "transport", "flow", "feedback", "record", "records",
            "pathway", "pathways", "access", "choice", "information", "leaflet", "leaflets", "panel", "story", "stories", "voice",
            "involvement", "engagement", "identification", "journey", "journeys", "survey", "surveys", "reported", "outcome", "outcomes",
            "led", "centred", "centered", "facing", "charter", "representative", "representatives", "partnership", "partnerships",
            "administration", "services", "relations", "satisfaction", "portal", "list", "lists", "tracking", "movement",
        ],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> PlaceWords = new(["bed", "room", "bay", "cubicle", "cubical", "chair", "bedroom"], StringComparer.Ordinal);

    private static readonly HashSet<string> PlaceModifiers = new(["side", "single", "day", "isolation", "en-suite", "dining"], StringComparer.Ordinal);

    private static readonly HashSet<string> Particles = new(["van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "al", "el", "bin", "ap"], StringComparer.Ordinal);

    /// <summary>Words that never start a name, in any case.</summary>
    private static readonly HashSet<string> Function = new(
        [
            "a", "an", "the", "and", "or", "but", "nor", "to", "of", "in", "on", "at", "by", "for", "from", "with", "as", "is", "was", "are",
            "were", "be", "been", "being", "has", "have", "had", "who", "whom", "whose", "which", "that", "this", "these", "those", "there",
            "here", "said", "says", "say", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "did", "does", "do",
            "not", "no", "yes", "please", "thanks", "thank", "also", "just", "only", "i", "you", "he", "she", "they", "we", "it", "me", "him",
            "her", "them", "us", "my", "your", "his", "their", "our", "its", "if", "so", "then", "than", "when", "where", "why", "how", "what",
            "about", "after", "before", "again", "still", "too", "very", "all", "any", "some", "each", "every", "both", "either", "neither",
            "one", "two", "three", "keeps", "needs", "wants", "wanted", "asked", "asks", "told", "tells", "came", "went", "got", "gets", "fell",
            "refused", "refuses", "teams", "team", "gave", "ok", "okay", "hi", "hello", "dear", "re", "etc", "x-ray", "isn't", "wasn't",
            "doesn't", "didn't", "won't", "can't", "into", "onto", "over", "under", "up", "down", "out", "off", "via", "per", "like", "since",
            "because", "while", "until", "though", "although", "however", "yet", "now", "today", "tomorrow", "yesterday", "usually", "always",
            "never", "sometimes", "often", "has", "wants", "said", "called", "named", "is", "seems", "seemed", "might", "became",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Capitalised words that are roles, places, subjects, days and other things that are not names.</summary>
    private static readonly HashSet<string> NotNames = new(
        [
            "associate", "associates", "practitioner", "practitioners", "apprentice", "apprentices", "apprenticeship", "apprenticeships",
            "training", "trainee", "trainees", "band", "level", "lead", "leads", "manager", "managers", "prescriber", "prescribers",
            "prescribing", "specialist", "specialists", "consultant", "consultants", "educator", "educators", "education", "champion",
            "champions", "director", "directors", "advocate", "advocates", "bank", "agency", "station", "clinic", "clinics", "revalidation",
            "role", "roles", "post", "posts", "course", "courses", "degree", "degrees", "cadet", "cadets", "assistant", "assistants",
            "support", "staff", "rota", "rotas", "competency", "competencies", "update", "updates", "forum", "day", "days", "week", "weeks",
            "study", "uniform", "network", "networks", "development", "programme", "programmes", "program", "induction", "registration",
            "register", "fellowship", "preceptorship", "preceptee", "preceptor", "mentor", "mentors", "supervisor", "supervision",
            "validation", "pin", "nmc", "hcpc", "cqc", "nhs", "gp", "gps", "ae", "a&e", "icu", "itu", "hdu", "ed", "ward", "wards", "bay",
            "bays", "bed", "beds", "room", "rooms", "side", "unit", "units", "floor", "block", "wing", "suite", "centre", "center", "hub",
            "building", "health", "safety", "safeguarding", "care", "carer", "carers", "certificate", "diploma", "standard", "standards",
            "module", "modules", "session", "sessions", "moving", "handling", "fire", "first", "aid", "infection", "control", "basic",
            "life", "mental", "capacity", "act", "dementia", "awareness", "learning", "disability", "disabilities", "medication",
            "medicines", "nutrition", "hydration", "falls", "pressure", "ulcer", "wound", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "morning", "afternoon", "evening", "night", "nights", "january", "february", "march",
            "july", "august", "september", "october", "november", "december", "patient", "patients", "resident", "residents",
            "client", "clients", "service", "user", "users", "lady", "gentleman", "man", "woman", "gent", "chap", "boy", "girl", "child",
            "baby", "mum", "dad", "mother", "husband", "wife", "son", "daughter", "family", "relative", "relatives", "visitor", "visitors",
            "nurse", "nurses", "doctor", "doctors", "sister", "matron", "hca", "hcas", "someone", "anyone", "everyone", "nobody", "somebody",
            "anybody", "everybody", "covid", "flu", "oxygen", "bloods", "obs", "observations", "chart", "charts", "notes", "scan", "test",
            "tests", "meds", "in-charge", "charge", "tutor", "tutors", "officer", "officers", "partner", "partners", "worker", "workers",
            "coordinator", "co-ordinator", "admin", "administrator", "receptionist", "team", "teams", "group", "groups", "meeting",
            "meetings", "handover", "shift", "shifts", "policy", "procedure", "guidance", "form", "forms", "portal", "hub's", "library",
            "academy", "college", "university", "school", "trust", "council", "board", "icb", "ics", "ltd", "limited", "plc", "home",
            "homes", "hospital", "hospice", "practice", "surgery", "pharmacy", "community", "district", "adult", "adults", "children",
            "older", "people", "person", "persons", "elearning", "e-learning", "online", "zoom", "microsoft", "ms", "outlook", "email",
            "nhsmail", "esr", "skills", "for", "new", "old", "next", "last", "general", "acute", "ward's", "mental", "physical", "allied",
            "professional", "professionals", "registered", "unregistered", "senior", "junior", "deputy", "head", "chief", "principal",
            "clinical", "non-clinical", "theatre", "theatres", "outpatients", "inpatients", "maternity", "paediatric", "paediatrics",
            "emergency", "urgent", "primary", "secondary", "tissue", "viability", "end", "of", "palliative", "respiratory", "cardiac",
            "diabetes", "stroke", "rehab", "rehabilitation", "reablement", "domiciliary", "residential", "nursing", "social", "work",
            "number", "no", "name", "removed", "dob", "mrn", "chi", "ni", "tel", "mob", "dx", "hx", "pmh", "pt", "ref", "aka", "nok", "gp's",
        ],
        StringComparer.OrdinalIgnoreCase);

    private enum TokenKind
    {
        Word,
        Number,
        Mark,
    }

    public static void Find(string text, List<Finding> found)
    {
        var tokens = Tokenise(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Word)
            {
                continue;
            }

            var word = Word(text, tokens[i]);
            if (Title(word) is { } title)
            {
                AfterTitle(text, tokens, i, title, found);
            }
            else if (PlaceWords.Contains(word.ToLowerInvariant()) && PlaceNumber(text, tokens, i) is var number and >= 0)
            {
                BeforePlace(text, tokens, i, found);
                AfterPlace(text, tokens, number, found);
            }
            else if (IsRelation(text, tokens, i, word))
            {
                AfterRelation(text, tokens, i, found);
            }
        }
    }

    private static void AfterTitle(string text, List<Token> tokens, int titleAt, string title, List<Finding> found)
    {
        var at = titleAt + 1;
        if (IsMark(text, tokens, at, '.') && !tokens[at].SpaceBefore)
        {
            at++;
        }

        if (at >= tokens.Count || tokens[at].Kind != TokenKind.Word || (at == titleAt + 1 && !tokens[at].SpaceBefore))
        {
            return;
        }

        var first = Word(text, tokens[at]);
        var strong = StrongTitles.Contains(title);
        var starts = IsInitial(first)
            ? char.IsUpper(first[0]) || (strong && !Function.Contains(first))
            : IsCapitalised(first)
                ? !Function.Contains(first) && (strong || !NotNames.Contains(first))
                : LowerCaseNameTitles.Contains(title) && !Function.Contains(first) && !NotNames.Contains(first);
        if (starts && Title(first) is null)
        {
            found.Add(new Finding(tokens[at].Start, NameEnd(text, tokens, at), PersonalDataScrubber.Name, Finding.Named));
        }
    }

    /// <summary>"Joan Smith in room 12", "Mary (bed 4)", "Mr Jones, bay 3": capitalised words just before the place.</summary>
    private static void BeforePlace(string text, List<Token> tokens, int placeAt, List<Finding> found)
    {
        var at = placeAt - 1;
        if (at >= 0 && tokens[at].Kind == TokenKind.Word && PlaceModifiers.Contains(Word(text, tokens[at]).ToLowerInvariant()))
        {
            at--;
        }

        if (at < 0 || !(tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]) is "in" or "on" or "from" or "at" or "of" or "to")
            && !(tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] is ',' or '(' or '-' or ':'))
        {
            return;
        }

        var last = at - 1;
        var first = at;
        while (first - 1 >= 0 && last - first + 1 < MaxNameWords && IsNameWord(text, tokens[first - 1]))
        {
            first--;
        }

        if (first <= last)
        {
            found.Add(new Finding(tokens[first].Start, WithoutPossessive(text, tokens[last]), PersonalDataScrubber.Name, Finding.Named));
        }
    }

    /// <summary>"room 12, Joan Smith", "bed 4 (Mary)", "bay 3 is Mr Jones" (the title does the rest).</summary>
    private static void AfterPlace(string text, List<Token> tokens, int numberAt, List<Finding> found)
    {
        var at = numberAt + 1;
        for (var marks = 0; marks < 2 && at < tokens.Count && tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] is ',' or ':' or '-' or '(' or ')'; marks++)
        {
            at++;
        }

        if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]) is "is" or "was" or "called" or "named" or "with")
        {
            at++;
        }

        if (at < tokens.Count && IsNameWord(text, tokens[at]))
        {
            found.Add(new Finding(tokens[at].Start, NameEnd(text, tokens, at), PersonalDataScrubber.Name, Finding.Named));
        }
    }

    /// <summary>"patient", "her son", "service user" (lower case), or any case with a colon after it ("Patient: ...").</summary>
    private static bool IsRelation(string text, List<Token> tokens, int at, string word)
    {
        var lower = word.ToLowerInvariant();
        var serviceUser = lower == "user" && at > 0 && tokens[at - 1].Kind == TokenKind.Word && Word(text, tokens[at - 1]).Equals("service", StringComparison.OrdinalIgnoreCase);
        if (lower == "name")
        {
            // "Name: Mary Brown" on a line of its own or after "his", "her", "full"; not "Course name: Leading Change".
            var before = at > 0 && tokens[at - 1].Kind == TokenKind.Word ? Word(text, tokens[at - 1]).ToLowerInvariant() : null;
            return IsMark(text, tokens, at + 1, ':') && (before is null or "his" or "her" or "their" or "full" or "first" or "surname");
        }

        if (!Relations.Contains(lower) && !serviceUser)
        {
            return false;
        }

        var nameFollows = at + 1 < tokens.Count && tokens[at + 1].Kind == TokenKind.Word && Word(text, tokens[at + 1]).Equals("name", StringComparison.OrdinalIgnoreCase);
        return word == lower || IsMark(text, tokens, at + 1, ':') || (nameFollows && IsMark(text, tokens, at + 2, ':'));
    }

    /// <summary>"my patient John Smith", "her son, Daniel,", "patient: Mary Brown", "resident (Edith Walker)", "patient name: John Smith".</summary>
    private static void AfterRelation(string text, List<Token> tokens, int relationAt, List<Finding> found)
    {
        var at = relationAt + 1;
        if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]).ToLowerInvariant() is "name" or "called" or "named")
        {
            at++;
            if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]) == "is")
            {
                at++;
            }
        }

        if (at < tokens.Count && tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] is ',' or ':' or '(' or '-')
        {
            at++;
        }

        // Capitals only ("patient NEWS2 score", "patient ID") are abbreviations, not names.
        if (at < tokens.Count && IsNameWord(text, tokens[at]) && Word(text, tokens[at]) is var first && first != first.ToUpperInvariant()
            && !AfterRelationNotNames.Contains(WithoutPossessive(first)))
        {
            found.Add(new Finding(tokens[at].Start, NameEnd(text, tokens, at), PersonalDataScrubber.Name, Finding.Named));
        }
    }

    /// <summary>The end of a name that starts at <paramref name="at"/>: up to three words, initials with their dots, particles.</summary>
    private static int NameEnd(string text, List<Token> tokens, int at)
    {
        var last = at;
        var end = tokens[at].End;
        var words = 1;
        var k = at + 1;
        while (k < tokens.Count && words < MaxNameWords)
        {
            var token = tokens[k];
            if (token.Kind == TokenKind.Mark && text[token.Start] == '.' && !token.SpaceBefore && IsInitial(Word(text, tokens[last])))
            {
                end = token.End;
                k++;
                continue;
            }

            if (token.Kind != TokenKind.Word || !(token.SpaceBefore || tokens[k - 1].Kind == TokenKind.Mark))
            {
                break;
            }

            var word = Word(text, token);
            if (Particles.Contains(word) && k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Word && IsCapitalised(Word(text, tokens[k + 1])))
            {
                k++;
                continue;
            }

            var placeFollows = k + 1 < tokens.Count && tokens[k + 1].Kind == TokenKind.Number;
            if (!IsNameWord(text, token) && !(Surnames.Contains(word) && IsCapitalised(word) && !placeFollows))
            {
                break;
            }

            last = k;
            end = token.End;
            words++;
            k++;
        }

        return end == tokens[last].End ? WithoutPossessive(text, tokens[last]) : end;
    }

    private static bool IsNameWord(string text, Token token)
    {
        if (token.Kind != TokenKind.Word)
        {
            return false;
        }

        var word = Word(text, token);
        return (IsCapitalised(word) || (IsInitial(word) && char.IsUpper(word[0]) && word != "I" && word != "A"))
            && !Function.Contains(word) && !NotNames.Contains(WithoutPossessive(word)) && Title(word) is null;
    }

    /// <summary>The title a word is, lower-cased, or null: "Mrs", "mrs" and "MRS" are; "MS" (the condition, or Microsoft) is not.</summary>
    private static string? Title(string word)
    {
        var lower = word.ToLowerInvariant();
        if (!StrongTitles.Contains(lower) && !WeakTitles.Contains(lower))
        {
            return null;
        }

        var capitalised = char.IsUpper(word[0]) && word.AsSpan(1).ToString() == word[1..].ToLowerInvariant();
        return word == lower || capitalised || (word == word.ToUpperInvariant() && lower is "mrs" or "miss") ? lower : null;
    }

    private static int PlaceNumber(string text, List<Token> tokens, int placeAt)
    {
        var at = placeAt + 1;
        if (at < tokens.Count && tokens[at].Kind == TokenKind.Word && Word(text, tokens[at]).ToLowerInvariant() is "no" or "number")
        {
            at++;
        }

        if (IsMark(text, tokens, at, '.') || IsMark(text, tokens, at, '#'))
        {
            at++;
        }

        return at < tokens.Count && tokens[at].Kind == TokenKind.Number ? at : -1;
    }

    private static bool IsMark(string text, List<Token> tokens, int at, char mark) =>
        at < tokens.Count && tokens[at].Kind == TokenKind.Mark && text[tokens[at].Start] == mark;

    private static bool IsCapitalised(string word) => word.Length >= 2 && char.IsUpper(word[0]);

    private static bool IsInitial(string word) => word.Length == 1 && char.IsLetter(word[0]);

    private static string WithoutPossessive(string word) =>
        word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) && word.Length > 2 ? word[..^2] : word;

    private static int WithoutPossessive(string text, Token token) =>
        token.End - (Word(text, token).Length - WithoutPossessive(Word(text, token)).Length);

    private static string Word(string text, Token token) => text[token.Start..token.End];

    /// <summary>Words (letters, with apostrophes and hyphens inside), numbers (with one letter after, as in "4a") and single marks.</summary>
    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var space = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is ' ' or '\n')
            {
                space = true;
                i++;
                continue;
            }

            var start = i;
            TokenKind kind;
            if (char.IsLetter(c))
            {
                i++;
                while (i < text.Length && (char.IsLetter(text[i]) || (text[i] is '\'' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }

                kind = TokenKind.Word;
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i < text.Length && char.IsAsciiLetter(text[i]) && (i + 1 >= text.Length || !char.IsLetter(text[i + 1])))
                {
                    i++;
                }

                kind = TokenKind.Number;
            }
            else
            {
                i++;
                kind = TokenKind.Mark;
            }

            tokens.Add(new Token(start, i, kind, space));
            space = false;
        }

        return tokens;
    }

    private readonly record struct Token(int Start, int End, TokenKind Kind, bool SpaceBefore);
}
