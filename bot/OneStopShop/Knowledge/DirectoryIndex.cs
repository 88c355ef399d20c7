using System.Text.RegularExpressions;
using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Answers who-questions from the learning directory: "who is the L&amp;D lead for the ambulance trust?",
/// "who do I contact about dementia training?", "who runs the volunteer managers network?".
/// A question asks for up to three facets — kind of organisation, kind of role, topics — and a person's
/// confidence is the share of the asked facets they meet.
/// </summary>
public sealed partial class DirectoryIndex
{
    private const string NoKind = "none";

    // Organisation and role kinds are found as phrases, reusing the synonym machinery.
    private static readonly SynonymTable FacetPhrases = SynonymTable.FromGroups(
    [
        ["ambulance-trust", "ambulance", "ambulance trust", "ambulance service", "paramedic", "paramedics", "999", "emergency service"],
        ["acute-trust", "acute", "acute trust", "hospital", "hospitals", "hospital trust", "acute hospital"],
        ["mental-health-trust", "mental health", "mental health trust", "mental health services"],
        ["primary-care", "primary care", "gp", "gps", "general practice", "gp practice", "gp surgery", "practice", "practices", "primary care partnership"],
        ["council", "council", "city council", "social care", "social services", "local authority", "adult social care", "children's social care", "social work"],
        ["voluntary-sector", "voluntary", "voluntary sector", "charity", "charities", "third sector", "community sector", "council for voluntary service", "cvs"],
        ["independent-sector", "independent", "independent sector", "private", "private sector", "care home", "care homes", "nursing home", "nursing homes", "care provider", "care providers", "domiciliary care", "home care"],
        [DirectoryKinds.LdLead, "l&d lead", "l&d leads", "learning and development lead", "training lead", "l&d manager", "learning and development manager", "training manager", "education lead", "l&d"],
        [DirectoryKinds.ClinicalLead, "clinical lead", "clinical leads", "lead clinician", "clinical director"],
        [DirectoryKinds.OccupationalLead, "occupational lead", "occupational leads", "professional lead", "service lead"],
        [DirectoryKinds.NetworkLead, "network lead", "network leads", "network coordinator", "network chair"],
        [DirectoryKinds.LdSupport, "l&d support", "l&d support team", "support team", "learning and development support", "one-stop shop", "one stop shop", "the hub"],
        [NoKind, "good practice", "best practice", "community of practice", "communities of practice", "practice development", "reflective practice", "in practice"],
    ]);

    // Words every who-question uses; they say nothing about which person is meant.
    private static readonly HashSet<string> GenericWords =
    [
        "contact", "ask", "speak", "talk", "email", "e-mail", "phone", "ring", "call", "person", "people", "lead", "leads",
        "run", "runs", "running", "manage", "manages", "charge", "responsible", "trust", "organisation", "team", "question",
        "questions", "help", "advice", "touch", "reach", "find", "best", "right", "go", "send", "our", "area", "local", "name",
    ];

    private static readonly TextAnalyzer FacetAnalyzer = new(FacetPhrases);

    [ThreadStatic]
    private static AnalysedText? t_text;

    private readonly TextAnalyzer _analyzer;
    private readonly Entry[] _people;
    private readonly Entry[] _networks;
    private readonly Dictionary<string, float> _idf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _idfLookup;

    public DirectoryIndex(WhosWho whosWho, SynonymTable synonyms)
        : this(whosWho, new TextAnalyzer(synonyms))
    {
    }

    internal DirectoryIndex(WhosWho whosWho, TextAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(whosWho);
        WhosWho = whosWho;
        _analyzer = analyzer;
        _people = [.. whosWho.People.Select(p => new Entry(p, null, Terms(analyzer, [.. p.Topics ?? [], p.Specialty, p.Role, p.Organisation, p.Name])))];
        _networks = [.. whosWho.Networks
            .Select(n => (Network: n, Lead: whosWho.People.FirstOrDefault(p => p.Id == n.Lead || p.Name == n.Lead)))
            .Where(n => n.Lead is not null)
            .Select(n => new Entry(n.Lead!, n.Network, Terms(analyzer, [n.Network.Name, n.Network.Purpose])))];
        var all = _people.Concat(_networks).ToArray();
        foreach (var term in all.SelectMany(e => e.Terms.Keys).Distinct(StringComparer.Ordinal))
        {
            var df = all.Count(e => e.Terms.ContainsKey(term));
            _idf[term] = (float)Math.Log(1 + ((all.Length - df + 0.5) / (df + 0.5)));
        }

        _idfLookup = _idf.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public WhosWho WhosWho { get; }

    /// <summary>True when the question asks for a person rather than for advice ("who is…", "who do I contact…").</summary>
    public static bool IsPersonQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return (AsksWho().IsMatch(question) && !AsksWhoItIsFor().IsMatch(question)) || AsksForContact().IsMatch(question);
    }

    /// <summary>The people who best fit the question, best first; empty when it names nothing the directory knows.</summary>
    public IReadOnlyList<PersonMatch> Match(string question, AnswerContext? context = null, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = t_text ??= new AnalysedText();
        var (organisationKinds, roleKinds, consumed) = Facets(question, text);
        if (organisationKinds.Count == 0 && context?.OrganisationKind is { } own && MentionsSelf().IsMatch(question))
        {
            organisationKinds.Add(own);
        }

        _analyzer.Analyse(question, text);
        var topics = TopicTerms(text, consumed, out var unknownWords);
        var asked = (organisationKinds.Count > 0 ? 1 : 0) + (roleKinds.Count > 0 ? 1 : 0) + (topics.Count > 0 ? 1 : 0);
        if (asked == 0)
        {
            return [];
        }

        var topicTotal = topics.Sum(t => t.Idf);
        var penalty = Math.Max(0.55, 1 - (0.15 * unknownWords));
        var matches = new List<(PersonMatch Match, double TopicScore, int Mentions, bool OwnOrganisation)>();
        var entries = MentionsNetwork().IsMatch(question) ? _people.Concat(_networks) : _people;
        foreach (var entry in entries)
        {
            var reasons = new List<string>();
            var met = 0.0;
            if (organisationKinds.Count > 0)
            {
                var servesAll = entry.Person.OrganisationKind == DirectoryKinds.AllOrganisations;
                if (!servesAll && !organisationKinds.Contains(entry.Person.OrganisationKind))
                {
                    continue;
                }

                // Someone who serves every organisation fits, but less than that organisation's own person.
                met += servesAll ? 0.5 : 1;
                reasons.Add(entry.Person.OrganisationKind);
            }

            if (roleKinds.Count > 0)
            {
                var role = entry.Network is not null ? DirectoryKinds.NetworkLead : entry.Person.Kind;
                if (!roleKinds.Contains(role) && !roleKinds.Contains(entry.Person.Kind))
                {
                    continue;
                }

                met++;
                reasons.Add(entry.Person.Kind);
            }

            var topicScore = 0.0;
            var mentions = 0;
            foreach (var (term, idf, word) in topics)
            {
                if (entry.Terms.TryGetValue(term, out var count))
                {
                    topicScore += idf;
                    mentions += count;
                    reasons.Add(word);
                }
            }

            if (topics.Count > 0)
            {
                if (topicScore == 0 && asked == 1)
                {
                    continue;
                }

                met += topicScore / topicTotal;
            }

            var confidence = met / asked * penalty;
            var ownOrganisation = context?.Organisation is { } org && string.Equals(org, entry.Person.Organisation, StringComparison.OrdinalIgnoreCase);
            matches.Add((new PersonMatch(entry.Person, confidence, entry.Network, reasons), topicScore, mentions, ownOrganisation));
        }

        // A network lead matched as the network's lead is not listed again as themselves.
        var leadsFound = matches.Where(m => m.Match.Network is not null).Select(m => m.Match.Person.Id).ToHashSet(StringComparer.Ordinal);
        return [.. matches
            .Where(m => m.Match.Network is not null || !leadsFound.Contains(m.Match.Person.Id))
            .OrderByDescending(m => m.Match.Confidence)
            .ThenByDescending(m => m.TopicScore)
            .ThenByDescending(m => m.Mentions)
            .ThenByDescending(m => m.OwnOrganisation)
            .DistinctBy(m => (m.Match.Person.Id, m.Match.Network?.Id))
            .Take(max)
            .Select(m => m.Match)];
    }

    private static (HashSet<string> Organisations, HashSet<string> Roles, HashSet<int> ConsumedSources) Facets(string question, AnalysedText text)
    {
        FacetAnalyzer.Analyse(question, text);
        var organisations = new HashSet<string>(StringComparer.Ordinal);
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var consumed = new HashSet<int>();
        for (var p = 0; p < text.PhraseCount; p++)
        {
            var phrase = text.Phrase(p);
            var kind = FacetAnalyzer.GroupLabel(phrase.Group);
            if (DirectoryKinds.OrganisationKinds.Contains(kind))
            {
                organisations.Add(kind);
            }
            else if (DirectoryKinds.RoleKinds.Contains(kind))
            {
                roles.Add(kind);
            }

            if (kind != NoKind)
            {
                for (var t = phrase.FirstToken; t < phrase.FirstToken + phrase.TokenCount; t++)
                {
                    consumed.Add(text[t].SourceStart);
                }
            }
        }

        return (organisations, roles, consumed);
    }

    private List<(string Term, float Idf, string Word)> TopicTerms(AnalysedText text, HashSet<int> consumed, out int unknownWords)
    {
        unknownWords = 0;
        var topics = new List<(string Term, float Idf, string Word)>();
        for (var i = 0; i < text.Count; i++)
        {
            var surface = text.Surface(i);
            if (text[i].IsStop || consumed.Contains(text[i].SourceStart) || GenericWords.Contains(surface.ToString()))
            {
                continue;
            }

            if (_idfLookup.TryGetValue(text.Term(i), out var idf))
            {
                topics.Add((text.Term(i).ToString(), idf, surface.ToString()));
            }
            else
            {
                unknownWords++;
            }
        }

        for (var p = 0; p < text.PhraseCount; p++)
        {
            var concept = _analyzer.ConceptTerm(text.Phrase(p).Group);
            if (_idf.TryGetValue(concept, out var idf) && !topics.Any(t => t.Term == concept))
            {
                topics.Add((concept, idf * 0.5f, _analyzer.GroupLabel(text.Phrase(p).Group)));
            }
        }

        return topics;
    }

    /// <summary>Each term with the number of the given texts (topics, specialty…) that mention it.</summary>
    private static Dictionary<string, int> Terms(TextAnalyzer analyzer, IEnumerable<string?> texts)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = new AnalysedText();
        foreach (var value in texts)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            analyzer.Analyse(value, text);
            var inThisText = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < text.Count; i++)
            {
                if (!text[i].IsStop && !GenericWords.Contains(text.Surface(i).ToString()))
                {
                    inThisText.Add(text.Term(i).ToString());
                }
            }

            for (var p = 0; p < text.PhraseCount; p++)
            {
                inThisText.Add(analyzer.ConceptTerm(text.Phrase(p).Group));
            }

            foreach (var term in inThisText)
            {
                terms[term] = terms.GetValueOrDefault(term) + 1;
            }
        }

        return terms;
    }

    private sealed record Entry(Person Person, LearningNetwork? Network, Dictionary<string, int> Terms);

    [GeneratedRegex(@"\b(network|networks|forum|group|groups|community|communities)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsNetwork();

    // "Who can help…" asks for a person; "who can apply…", "who should attend…" ask about eligibility.
    [GeneratedRegex(@"\bwho(m|'s)?\b(?!\s+(can|could|should|must|may|needs? to|has to|have to)\s+(apply|attend|go|do|take|join|get|use|book|have|be|complete|enrol|sign|qualify|claim)\b)(?!\s+(is eligible|qualifies|pays|funds|is entitled|gets|benefits|needs|has to|must))", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWho();

    // "Who is it for?" asks about an article's audience, not for a person.
    [GeneratedRegex(@"\bwho\s+(is|are)\s+(it|this|that|they|these|those)\s+for\b|\bwho\s+it'?s\s+for\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksWhoItIsFor();

    // "Our volunteers have no email" mentions email as a medium; it is not asking for someone's address.
    [GeneratedRegex(@"(?<!\b(no|without|any|not|have|has)\s)\b(contact|e-?mail|phone|ring|speak to|speak with|talk to|talk with|get in touch|reach|point of contact)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksForContact();

    [GeneratedRegex(@"\b(my|our|me|us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsSelf();
}
