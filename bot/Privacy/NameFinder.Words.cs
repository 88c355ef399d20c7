namespace LearningBot.Privacy;

/// <summary>The words <see cref="NameFinder"/> knows: titles, relations, places, and words that are not names.</summary>
internal static partial class NameFinder
{
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

    /// <summary>Roles a colleague or carer has, before a name that stands alone: "my colleague Priya", "carer Jo noticed".</summary>
    private static readonly HashSet<string> Roles = new(["colleague", "friend", "carer", "assistant", "hca"], StringComparer.Ordinal);

    /// <summary>Capitalised words that follow "patient" or "client" in names of services and roles ("patient Safety Specialist").</summary>
    private static readonly HashSet<string> AfterRelationNotNames = new(
        [
            "safety", "experience", "experiences", "participation", "advice", "liaison", "transport", "flow", "feedback", "record", "records",
            "pathway", "pathways", "access", "choice", "information", "leaflet", "leaflets", "panel", "story", "stories", "voice",
            "involvement", "engagement", "identification", "journey", "journeys", "survey", "surveys", "reported", "outcome", "outcomes",
            "led", "centred", "centered", "facing", "charter", "representative", "representatives", "partnership", "partnerships",
            "administration", "services", "relations", "satisfaction", "portal", "list", "lists", "tracking", "movement",
            "leader", "leaders", "ambassador", "ambassadors", "partner", "partners", "forum", "council", "group", "questionnaire",
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

    /// <summary>Verbs that follow a name in lower case ("mr jones lives alone"), so are not read as its surname.</summary>
    private static readonly HashSet<string> CommonVerbs = new(
        [
            "want", "live", "lives", "feel", "feels", "felt", "like", "likes", "look", "looks", "use", "uses", "take", "takes", "took",
            "go", "goes", "come", "comes", "die", "dies", "rang", "ring", "rings", "call", "calls", "need", "keep", "get", "see", "sees",
            "saw", "left", "leaves", "lost", "loses", "made", "makes", "wear", "wears", "walk", "walks", "sleep", "sleeps", "eat", "eats",
            "ate", "drink", "drinks", "drank", "refuse", "seem", "stay", "stays", "wait", "waits", "sit", "sits", "sat", "tries", "think",
            "thinks", "thought", "know", "knows", "knew", "ask", "tell", "spoke", "speaks", "hates", "loves", "gave", "gives", "put", "puts",
            "sent", "sends", "ran", "runs", "fall", "falls", "cried", "shouted", "won't", "can't", "doesn't", "didn't", "isn't", "wasn't",
            "also", "again", "still", "now", "then", "today", "here", "there", "who", "whose", "whom", "which", "that", "and", "or", "but",
        ],
        StringComparer.Ordinal);

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
            "scheme", "schemes", "passport", "number", "no", "name", "removed", "dob", "mrn", "chi", "ni", "tel", "mob", "dx", "hx", "pmh", "pt", "ref", "aka", "nok", "gp's",
        ],
        StringComparer.OrdinalIgnoreCase);
}
