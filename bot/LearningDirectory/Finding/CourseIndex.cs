using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>
/// The directory's offers indexed by the one-stop shop's words (stems, British spellings, synonym concepts), each
/// word weighted by the field it is in and by how rare it is. Immutable: a changed catalogue gets a new index, which
/// for a few hundred offers takes about a millisecond.
/// </summary>
internal sealed class CourseIndex
{
    private const float TitleWeight = 4f;
    private const float TopicWeight = 3f;
    private const float MandatoryWeight = 2.5f;
    private const float SummaryWeight = 1f;
    private const float AudienceWeight = 0.5f;
    private const int MinimumTypoLength = 5;

    /// <summary>Words that say someone wants a course, not what the course is about.</summary>
    private static readonly HashSet<string> AskingWords = new(
        ["course", "courses", "training", "train", "trained", "book", "booking", "booked", "session", "sessions", "class", "classes",
         "workshop", "workshops", "refresher", "refresh", "renew", "renewal", "update", "updates", "annual", "yearly",
         "place", "places", "date", "dates", "next", "upcoming",
         "available", "any", "anything", "something", "get", "find", "wheres", "where", "when", "need", "needs", "want", "looking",
         "attend", "sign", "signing", "enrol", "enroll", "register", "module", "modules", "local", "there", "going", "run", "running",
         "on", "do", "my", "i", "im", "please", "help", "learn", "learning", "new", "up", "go", "can", "theres", "is", "are",
         "programme", "programmes", "program", "programs", "scheme", "schemes", "one", "ones"],
        StringComparer.Ordinal);

    /// <summary>Words of an address that name no place on their own ("Room 2, Education Centre").</summary>
    private static readonly HashSet<string> BuildingWords = new(
        ["room", "centre", "center", "hospital", "house", "building", "street", "road", "hall", "lane", "court", "unit", "ward", "floor",
         "suite", "education", "training", "library", "trust", "park", "site", "main", "city", "north", "south", "east", "west", "campus",
         "clinic", "surgery", "offices", "office", "community", "health", "care", "online", "link", "sent", "booking"],
        StringComparer.Ordinal);

    private readonly TextAnalyzer _analyzer;
    private readonly CourseListing[] _listings;
    private readonly Dictionary<string, float>[] _weights;
    private readonly Dictionary<string, float> _rarity;
    private readonly Dictionary<string, string> _surfaceTerms;

    private CourseIndex(TextAnalyzer analyzer, CourseListing[] listings, Dictionary<string, float>[] weights, Dictionary<string, string> surfaceTerms)
    {
        _analyzer = analyzer;
        _listings = listings;
        _weights = weights;
        _surfaceTerms = surfaceTerms;
        _rarity = weights
            .SelectMany(w => w.Keys)
            .GroupBy(t => t, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (float)Math.Log(1 + ((double)listings.Length / g.Count())), StringComparer.Ordinal);
        Places = listings
            .SelectMany(l => l.UpcomingSessions)
            .SelectMany(s => PlaceWords(s.Place))
            .Where(w => !BuildingWords.Contains(w) && !surfaceTerms.ContainsKey(w))
            .ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<CourseListing> Listings => _listings;

    /// <summary>Words of the places sessions are held in, lower case, for reading "near Peterborough".</summary>
    public IReadOnlySet<string> Places { get; }

    public static CourseIndex Build(IReadOnlyList<CourseListing> listings, TextAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var scratch = new AnalysedText();
        var surfaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var weights = listings.Select(listing =>
        {
            var offer = listing.Offer;
            var terms = new Dictionary<string, float>(StringComparer.Ordinal);
            Add(offer.Title, TitleWeight);
            Add(string.Join(". ", offer.Topics), TopicWeight);
            Add(offer.MandatoryTopic, MandatoryWeight);
            Add(offer.Summary, SummaryWeight);
            Add(string.Join(". ", offer.StaffGroups), AudienceWeight);
            Add(offer.ForVolunteers ? "volunteers" : null, AudienceWeight);
            return terms;

            void Add(string? text, float weight)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return;
                }

                foreach (var (term, surface) in Terms(text, analyzer, scratch, withPhraseWords: true))
                {
                    terms[term] = Math.Max(weight, terms.GetValueOrDefault(term));
                    if (surface is { Length: >= MinimumTypoLength })
                    {
                        surfaces.TryAdd(surface, term);
                    }
                }
            }
        }).ToArray();
        return new CourseIndex(analyzer, [.. listings], weights, surfaces);
    }

    /// <summary>Offers open to the asker whose words cover the topic, best first; empty when the topic has no search words.</summary>
    public IReadOnlyList<CourseMatch> Search(string topic, Func<CourseListing, bool> include)
    {
        var query = QueryTerms(topic);
        var total = query.Sum(t => _rarity.GetValueOrDefault(t, 1f));
        if (query.Count == 0 || total <= 0)
        {
            return [];
        }

        var matches = new List<CourseMatch>();
        for (var i = 0; i < _listings.Length; i++)
        {
            if (!include(_listings[i]))
            {
                continue;
            }

            var (score, covered) = Score(query, _weights[i]);
            if (score > 0)
            {
                matches.Add(new CourseMatch(_listings[i], score, covered / total, _listings[i].UpcomingSessions));
            }
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenBy(m => Soonest(m.Listing))];
    }

    /// <summary>Whether the topic has any words to search by once asking words are set aside.</summary>
    public bool HasSearchWords(string topic) => QueryTerms(topic).Count > 0;

    private (float Score, float Covered) Score(List<string> query, Dictionary<string, float> weights)
    {
        float score = 0, covered = 0;
        foreach (var term in query)
        {
            if (weights.TryGetValue(term, out var weight))
            {
                var rarity = _rarity.GetValueOrDefault(term, 1f);
                score += rarity * weight;

                // A word only in the summary or the audience is weak evidence that the offer is what was asked for.
                covered += rarity * Math.Min(1f, weight / TopicWeight);
            }
        }

        return (score, covered);
    }

    private List<string> QueryTerms(string topic)
    {
        var terms = new List<string>();
        foreach (var (term, surface) in Terms(topic, _analyzer, new AnalysedText()))
        {
            if (surface is not null && AskingWords.Contains(surface))
            {
                continue;
            }

            var known = _rarity.ContainsKey(term) || surface is null ? term : Corrected(surface) ?? term;
            if (!terms.Contains(known))
            {
                terms.Add(known);
            }
        }

        return terms;
    }

    /// <summary>A word one typing slip away from a word the offers use ("dementa", "safegaurding").</summary>
    private string? Corrected(string surface)
    {
        if (surface.Length < MinimumTypoLength)
        {
            return null;
        }

        return _surfaceTerms
            .Where(known => known.Key[0] == surface[0] && EditDistance.IsAtMostOne(surface, known.Key))
            .Select(known => known.Value)
            .FirstOrDefault();
    }

    /// <summary>
    /// The text's search terms: a synonym phrase stands for all its words (its concept term, with the word as written
    /// when it is one word, so typing slips find it); other words that are not stop words give their stem and the word.
    /// An offer's text keeps the words of its phrases too ("awareness" of "dementia awareness"); a question's phrase
    /// counts once, as its concept.
    /// </summary>
    private static List<(string Term, string? Surface)> Terms(string text, TextAnalyzer analyzer, AnalysedText scratch, bool withPhraseWords = false)
    {
        analyzer.Analyse(text, scratch);
        var covered = new bool[scratch.Count];
        var terms = new List<(string, string?)>();
        for (var p = 0; p < scratch.PhraseCount; p++)
        {
            var phrase = scratch.Phrase(p);
            terms.Add((analyzer.ConceptTerm(phrase.Group), phrase.TokenCount == 1 ? scratch.Surface(phrase.FirstToken).ToString() : null));
            for (var k = phrase.FirstToken; k < phrase.FirstToken + phrase.TokenCount; k++)
            {
                covered[k] = true;
            }
        }

        for (var i = 0; i < scratch.Count; i++)
        {
            if ((withPhraseWords || !covered[i]) && !scratch[i].IsStop)
            {
                terms.Add((scratch.Term(i).ToString(), scratch.Surface(i).ToString()));
            }
        }

        return terms;
    }

    private static DateTimeOffset Soonest(CourseListing listing) =>
        listing.UpcomingSessions.Count > 0 ? listing.UpcomingSessions[0].Starts : DateTimeOffset.MaxValue;

    /// <summary>The words of the town: the last part of an address written "Building, Site, Town".</summary>
    private static IEnumerable<string> PlaceWords(string? place) =>
        place is null
            ? []
            : place.Split(',')[^1].ToLowerInvariant().Split([' ', '(', ')', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4 && char.IsLetter(w[0]));
}
