using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.Tests.Cards;

/// <summary>
/// A card's sample data grown to the largest the bot really sends: every text people type filled to the most its input
/// takes (the largest <c>maxLength</c> of an input bound to a field of that name in any card, so a question is as long on
/// the channel card as on the form), every other long text to its limit in the code (<see cref="TextLimits"/>), and
/// every list to the most the code ever shows (<see cref="ListCaps"/>). Text is ordinary English with a line break now
/// and then, as people write it.
/// </summary>
internal static class LargestCardData
{
    /// <summary>
    /// Lists, by card and path (<c>[]</c> for "every item of"), and the most items the code puts in them, with where
    /// that limit is. Every list in every sample must be here (<see cref="UncappedLists"/>): a list without a known
    /// limit is a card that can grow past what Teams takes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> ListCaps = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // The one-stop shop.
        ["answer-article $.body"] = 40, // ArticlePages.MaxBlocksPerPage, within a page's 12,000 bytes (see Shape)
        ["answer-article $.related"] = 3, // AnswerCardFactory: related articles, Take(3)
        ["answer-article $.colleagues"] = 3, // ColleaguesPractice: good-practice examples under an answer
        ["answer-article $.newsletter"] = 3, // NewsletterItems under an answer
        ["answer-article $.upcoming"] = 3, // CourseFinder.MaxOffers
        ["answer-article $.upcoming[].sessions"] = 2, // DirectoryCourseAnswers.SessionsUnderArticle
        ["answer-page $.body"] = 40, // ArticlePages.MaxBlocksPerPage, within a page's 12,000 bytes (see Shape)
        ["not-sure $.suggestions"] = 3, // AnswerCardFactory.NotSure, Take(3)
        ["not-sure $.newsletter"] = 3, // NewsletterItems
        ["gaps-report $.figures"] = 7, // GapsSummary: the figures of the report
        ["gaps-report $.unanswered"] = 10, // GapsReport.MaxUnanswered
        ["gaps-report $.worstRated"] = 5, // GapsReport.MaxWorstRated
        ["gaps-report $.signposted"] = 10, // one line per signpost in knowledge/signposts.json
        ["person-contact $.details"] = 6, // a who's-who entry's contact lines
        ["signpost $.routes"] = 5, // a signpost's routes in knowledge/signposts.json
        ["welcome $.capabilities"] = 12, // WelcomeCardData: what the menu offers

        // Five Minute Review.
        ["review-summary $.sections"] = 12, // ReviewSummary.Sections: twelve kinds of section
        ["review-person $.sections"] = 12,
        ["review-person $.articles"] = 10, // ReviewChoices.LearningApproaches
        ["review-saved $.sections"] = 12,
        ["review-comment $.sections"] = 12,
        ["review-comment $.comments"] = 10, // no limit in the code: ten comments on one review is a long exchange
        ["review-earlier $.reviews"] = 5, // EarlierReviewsFeature.MaxShown
        ["review-earlier $.reviews[].sections"] = 12,
        ["review-mine $.reviews"] = 5, // MyReviewsFeature.PageSize
        ["review-objectives $.objectives"] = 3, // ReviewChoices.MaxObjectives
        ["review-paper $.objectives"] = 3,
        ["review-paper $.people"] = 40, // a manager's team: no limit in the code; 40 is a large ward team
        ["review-team $.people"] = 15, // ReviewTeamView.PageSize
        ["review-team $.organisationKinds"] = 7, // ReviewChoices.OrganisationKinds
        ["review-view $.carried"] = 3, // last review's objectives, at most ReviewChoices.MaxObjectives
        ["review-learning $.learningNeedChoices"] = 13, // ReviewChoices.LearningNeeds
        ["review-request $.reasons"] = 3, // RequestReasons.All
        ["review-coverage $.organisations"] = 7,
        ["review-coverage $.needs"] = 13,
        ["review-coverage $.approaches"] = 10,

        // The learning digest.
        ["digest-approval $.headlines"] = 30, // DigestEdition.MaxItems
        ["digest-approval $.items"] = 30,
        ["digest-preview $.headlines"] = 30,
        ["digest-preview $.items"] = 30,
        ["digest-edition $.items"] = 8, // DigestCards.PageSize
        ["digest-headlines $.headlines"] = 5, // DigestSendingCards.HeadlinesShown
        ["digest-archive $.editions"] = 10, // DigestArchiveCards.PageSize
        ["digest-archive $.editions[].headlines"] = 3, // DigestArchiveCards.HeadlinesShown
        ["digest-search $.results"] = 10, // DigestArchiveCards.MaxResults
        ["digest-history $.lines"] = 30, // no limit in the code: thirty audit lines is a long-argued edition
        ["digest-paper-reach $.rows"] = 7, // one row per kind of organisation
        ["digest-item $.categoryChoices"] = 5,
        ["digest-item $.organisationKindChoices"] = 8,
        ["digest-send $.channelChoices"] = 50, // DigestSendingCards.ChannelsShown
        ["digest-send $.kindChoices"] = 7,

        // The learning directory.
        ["directory-answer $.notes"] = 3,
        ["directory-answer $.offers"] = 3, // CourseFinder.MaxOffers
        ["directory-answer $.offers[].facts"] = 6,
        ["directory-answer $.offers[].sessions"] = 3, // DirectoryCourseAnswers.SessionsPerOffer
        ["directory-offers $.offers"] = 15, // LearningDirectoryOptions.PageSize, at most 15
        ["directory-sessions $.sessions"] = 49, // CourseCsv.MaxSessionsPerOffer
        ["directory-import-result $.facts"] = 6,
        ["directory-import-result $.problems"] = 25, // CourseImportFeature.ProblemsShown
        ["directory-offer-edit $.kindChoices"] = 7,
        ["directory-offer-edit $.openToChoices"] = 3,
        ["directory-offer-edit $.formatChoices"] = 2,
        ["directory-offer-edit $.mandatoryChoices"] = 2,
        ["mandatory-topic $.facts"] = 3,
        ["mandatory-topic $.kinds"] = 7, // one per kind of organisation
        ["mandatory-topic $.kinds[].offers"] = 2, // MandatoryTopicCards.OffersPerKind
        ["mandatory-topic $.kinds[].offers[].sessions"] = 2, // MandatoryTopicCards.SessionsPerOffer
        ["mandatory-topics $.topics"] = 20, // knowledge of statutory and mandatory topics
        ["mandatory-topics $.choices"] = 20,
        ["course-alerts $.alerts"] = 20, // no limit in the code: twenty alerts is a keen learner
        ["course-new-dates $.sessions"] = 3,

        // Feedback signals and learning needs.
        ["signal-log $.sources"] = 6, // SignalChoices: the fixed lists
        ["signal-log $.organisationKinds"] = 7,
        ["signal-log $.serviceAreas"] = 12,
        ["signal-log $.themes"] = 14,
        ["signal-log $.kinds"] = 7,
        ["signal-log $.frequencies"] = 3,
        ["signal-log $.causes"] = 3,
        ["signal-log $.senders"] = 4,
        ["signal-log $.months"] = 12, // SignalSlip.MonthsBack
        ["signal-moderation $.themes"] = 14,
        ["signal-moderation $.serviceAreas"] = 12,
        ["signal-moderation $.mergeThemes"] = 30, // no limit in the code: the themes of one kind of organisation
        ["signal-alert $.examples"] = 3, // ThemeTally.MaxExamples
        ["signal-alert $.leadChoices"] = 20,
        ["signal-alert $.months"] = 12,
        ["signal-alert-bundle $.alerts"] = 20, // WeeklyAlertBundle.MostShown
        ["signal-compliment $.people"] = 10, // ComplimentsFeature.MaxMatches
        ["signal-report $.groups"] = 7,
        ["signal-report $.groups[].rows"] = 14,
        ["lna-draft $.examples"] = 3, // ThemeTally.MaxExamples
        ["lna-list $.analyses"] = 20, // LearningNeedsFeature.ListedAtMost

        // Good practice and leads.
        ["good-practice-share $.facts"] = 6,
        ["good-practice-share $.sections"] = 4,
        ["good-practice-share $.contacts"] = 2,
        ["good-practice-share $.organisationKinds"] = 7,
        ["good-practice-share $.topicChoices"] = 14,
        ["good-practice-share $.attributionChoices"] = 3,
        ["good-practice-share $.receivedByChoices"] = 3,
        ["good-practice-moderation $.facts"] = 6,
        ["good-practice-moderation $.sections"] = 4,
        ["good-practice-example $.sections"] = 4,
        ["good-practice-example $.facts"] = 4,
        ["good-practice-results $.topicChoices"] = 14,
        ["good-practice-results $.items"] = 5, // FindingFeature.MaxResults
        ["good-practice-suggestions $.items"] = 10, // ComplimentDrafts.MaxListed
        ["good-practice-alert $.items"] = 5, // WeeklyPracticeBundle.MostShown
        ["good-practice-network-pick $.networks"] = 15, // no limit in the code: the networks in the register
        ["good-practice-spread $.examples"] = 10,
        ["good-practice-spread $.examples[].kinds"] = 7,
        ["lead-register $.groups"] = 5, // the leads of a page, grouped by kind of organisation:
        ["lead-register $.groups[].leads"] = 3, // LeadsOptions.MaxPageSize, 15 a page at most (5 × 3)
        ["lead-entry $.themeChoices"] = 14,
        ["lead-entry $.preferenceChoices"] = 2,
        ["lead-edit $.kindChoices"] = 7,
        ["lead-edit $.themeChoices"] = 14,
        ["lead-edit $.preferenceChoices"] = 2,
        ["lead-entry-saved $.changes"] = 3,

        // Announcements and deliveries.
        ["announcement-compose $.audienceChoices"] = 12, // the audiences: everyone, each kind of organisation, each role
        ["delivery-progress $.summary"] = 8, // one line per outcome of a delivery
    };

    /// <summary>Long texts that no input bounds, by card and path, and their limit in the code.</summary>
    public static readonly IReadOnlyDictionary<string, int> TextLimits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["review-summary $.sections[].text"] = ReviewAnswer, // each section is one answer of up to 1,000 characters
        ["review-person $.sections[].text"] = ReviewAnswer,
        ["review-saved $.sections[].text"] = ReviewAnswer,
        ["review-comment $.sections[].text"] = ReviewAnswer,
        ["review-comment $.comments[].text"] = ReviewAnswer,
        ["review-earlier $.reviews[].sections[].text"] = ReviewAnswer,
        ["review-view $.personOwnView"] = ReviewAnswer,
        ["digest-approval $.items[].text"] = 2_400, // DigestEdition.TextLength
        ["digest-preview $.items[].text"] = 2_400,
        ["digest-edition $.items[].excerpt"] = 161, // DigestCards.ExcerptLength and the ellipsis
        ["digest-item $.text"] = 2_400,
        ["digest-search $.results[].excerpt"] = 201, // DigestArchiveCards.ExcerptLength and the ellipsis
        ["ticket-answer $.answer"] = 4_000, // the expert's answer box
        ["ticket-channel $.answer"] = 4_000,
        ["ticket-channel $.stillNeedsHelp"] = 1_060, // "The asker still needs help: " and up to 1,000 characters
        ["signal-alert $.examples[].text"] = 500, // SignalChoices.NoteLimit
        ["lna-draft $.examples[].text"] = 500,
        ["good-practice-share $.sections[].text"] = 1_500, // GoodPracticeChoices.StoryLimit
        ["good-practice-moderation $.sections[].text"] = 1_500,
        ["good-practice-example $.sections[].text"] = 1_500,
        ["good-practice-alert $.items[].problem"] = 280, // PracticeAlertCards.LongestProblem
        ["good-practice-results $.items[].problem"] = 300, // FindingCards.ListTextLimit
        ["good-practice-results $.items[].whatChanged"] = 300,
        ["answer-editor $.body"] = ArticleBodyParts.PartLength, // a 30,000-character article opens in parts; the box takes 12,000 at most
    };

    private const int ReviewAnswer = 1_000; // ReviewChoices.TextLimit

    /// <summary>Fields named alike in many cards for different things: grown only where <see cref="TextLimits"/> or the card's own input says.</summary>
    private static readonly HashSet<string> NotTypedEverywhere = new(StringComparer.Ordinal) { "text", "id", "articleId", "offerId", "placesLeft", "body", "answer" };

    /// <summary>
    /// Cards the bot sends with a shorter form (<see cref="CardReply"/>), which <see cref="CardFit"/> sends instead when
    /// the whole card is over 28 KB, and how that form's data differs (as the code that makes it does it). For these the
    /// shorter form is what must fit.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> ShorterForms = new Dictionary<string, Action<JsonObject>>(StringComparer.Ordinal)
    {
        // AnswerCardFactory.Article(shortForm: true): no article text, colleagues, newsletter or courses; Read more opens page 1.
        ["answer-article"] = data =>
        {
            data["body"] = new JsonArray();
            data["colleagues"] = new JsonArray();
            data["newsletter"] = new JsonArray();
            data["upcoming"] = new JsonArray();
            data["readInPages"] = true;
        },

        // DigestCards.Reader and DigestApprovalCards.Request: every item's first lines, no links, no list of headlines.
        ["digest-preview"] = ShortDigest,
        ["digest-approval"] = ShortDigest,

        // EarlierReviewsFeature: the objectives and learning needs (four sections) of the three most recent reviews; the
        // objectives section can be twice as long as an answer.
        ["review-earlier"] = data =>
        {
            var reviews = data["reviews"]!.AsArray();
            while (reviews.Count > 3)
            {
                reviews.RemoveAt(reviews.Count - 1);
            }

            foreach (var review in reviews)
            {
                var sections = review!["sections"]!.AsArray();
                while (sections.Count > 4)
                {
                    sections.RemoveAt(sections.Count - 1);
                }

                sections[0]!["text"] = Text(2 * ReviewAnswer);
            }
        },

        // MyReviewsFeature.CommentCardAsync: the comments and the box, without the review.
        ["review-comment"] = data => data["sections"] = new JsonArray(),
    };

    private static void ShortDigest(JsonObject data)
    {
        data["headlines"] = new JsonArray();
        foreach (var item in data["items"]!.AsArray())
        {
            var text = item!["text"]!.GetValue<string>();
            item["text"] = text.Length <= 161 ? text : text[..160] + "…";
            item["link"] = string.Empty;
            item["linkText"] = string.Empty;
        }
    }

    /// <summary>The data of <paramref name="card"/>'s shorter form, made from <paramref name="largest"/>; null when it has none.</summary>
    public static JsonNode? Shorter(string card, JsonNode largest)
    {
        if (!ShorterForms.TryGetValue(card, out var shorten))
        {
            return null;
        }

        var data = largest.DeepClone().AsObject();
        shorten(data);
        return data;
    }

    private const string Prose =
        "We agreed the plan at the team meeting and everyone knows what to do next. The ward manager will check in on Friday, "
        + "and the training lead has booked the room for the session.\n";

    /// <summary>The largest realistic data for <paramref name="card"/>, made from its sample data.</summary>
    public static JsonNode Of(string card)
    {
        var data = SampleData(card);
        var typed = TypedFieldLimits.Value;
        var limits = typed.Everywhere.ToDictionary(StringComparer.Ordinal);
        foreach (var (field, limit) in typed.ByCard.GetValueOrDefault(card) ?? [])
        {
            limits[field] = limit;
        }

        Grow(card, data, "$", limits);
        Shape(card, data);
        return data;
    }

    /// <summary>Cards whose largest data the code shapes beyond a length per text or a count per list.</summary>
    private static void Shape(string card, JsonNode data)
    {
        switch (card)
        {
            case "answer-article" or "answer-page":
                // A page of the longest article the store keeps, laid out as the bot lays it out.
                data["body"] = JsonSerializer.SerializeToNode(ArticlePages.Of(LongArticle(KnowledgeArticleStore.MaxBodyLength))[0], BotJson.Options);
                break;
        }
    }

    /// <summary>An article of <paramref name="length"/> characters: headings, paragraphs and lists, as the L&amp;D team writes them.</summary>
    public static string LongArticle(int length)
    {
        var text = new StringBuilder(length + 1_000);
        for (var section = 1; text.Length < length; section++)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Part {section} of the guidance\n\n");
            text.Append(Text(600)).Append("\n\n");
            text.Append("- Ask your manager to agree the time\n- Book through your L&D lead\n- Keep the certificate\n\n");
        }

        return text.ToString(0, length).TrimEnd();
    }

    /// <summary>Lists in <paramref name="card"/>'s sample data that <see cref="ListCaps"/> does not cover.</summary>
    public static IEnumerable<string> UncappedLists(string card)
    {
        var found = new List<string>();
        Lists(SampleData(card), "$", found);
        return found.Distinct().Where(path => !ListCaps.ContainsKey(Key(card, path)));
    }

    /// <summary>The bytes Teams receives for the card: a reply activity carrying it, as the connector client sends it.</summary>
    public static int SizeAsSent(JsonObject card) => CardFit.SizeOf(Reply(card));

    public static string Key(string card, string path) => $"{card} {path}";

    /// <summary>A reply in a channel thread, the longest kind of address a reply carries.</summary>
    private static Activity Reply(JsonObject card) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = "https://smba.trafficmanager.net/emea/72f988bf-0000-4000-8000-2d7cd011db47/",
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "28:00000000-0000-0000-0000-000000000000", Name = "LearningBot" },
        Recipient = new ChannelAccount { Id = "29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL", Name = "Alex Morgan", AadObjectId = "6a1b0c2d-0000-4000-8000-00000000a1e5" },
        Conversation = new ConversationAccount { Id = "19:0123456789abcdef0123456789abcdef@thread.tacv2;messageid=1700000000000", ConversationType = "channel", IsGroup = true, TenantId = "72f988bf-0000-4000-8000-2d7cd011db47" },
        ReplyToId = "1700000000000",
        Attachments = [Attachment.AdaptiveCard(card)],
    };

    private static readonly Lazy<TypedFields> TypedFieldLimits = new(ReadTypedFieldLimits);

    /// <summary>Fields inputs show as their value, with the most the input takes: in any card, and in each card.</summary>
    private sealed record TypedFields(Dictionary<string, int> Everywhere, Dictionary<string, Dictionary<string, int>> ByCard);

    private static TypedFields ReadTypedFieldLimits()
    {
        var typed = new TypedFields(new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        foreach (var file in CardCatalog.TemplateFiles(CardPaths.Cards))
        {
            var card = Path.GetFileNameWithoutExtension(file);
            var sample = CardPaths.ReadJson(CardCatalog.SampleDataFile(file));
            foreach (var input in CardJsonNodes(CardPaths.ReadJson(file)))
            {
                if (input["type"]?.GetValue<string>() is not { } type || !type.StartsWith("Input.", StringComparison.Ordinal)
                    || FieldOf(input["value"]) is not { } field || LimitOf(input["maxLength"], sample) is not { } limit)
                {
                    continue;
                }

                var own = typed.ByCard.TryGetValue(card, out var found) ? found : typed.ByCard[card] = new(StringComparer.Ordinal);
                own[field] = Math.Max(limit, own.GetValueOrDefault(field));
                if (!NotTypedEverywhere.Contains(field))
                {
                    typed.Everywhere[field] = Math.Max(limit, typed.Everywhere.GetValueOrDefault(field));
                }
            }
        }

        return typed;
    }

    private static int? LimitOf(JsonNode? maxLength, JsonNode? sample) => maxLength switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<int>(),
        JsonValue value when FieldOf(value) is { } field && sample?[field] is JsonValue bound && bound.GetValueKind() == JsonValueKind.Number => bound.GetValue<int>(),
        _ => null,
    };

    /// <summary>The field name of a value that is exactly one <c>${path}</c>: its last segment.</summary>
    private static string? FieldOf(JsonNode? value)
    {
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var s = text.GetValue<string>();
        if (!s.StartsWith("${", StringComparison.Ordinal) || !s.EndsWith('}') || s.IndexOf("${", 2, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        var path = s[2..^1];
        return path.All(c => char.IsLetterOrDigit(c) || c is '.' or '_') ? path[(path.LastIndexOf('.') + 1)..] : null;
    }

    private static void Grow(string card, JsonNode? node, string path, IReadOnlyDictionary<string, int> typed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    var at = $"{path}.{name}";
                    if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                    {
                        if (TextLimits.TryGetValue(Key(card, at), out var limit) || typed.TryGetValue(name, out limit))
                        {
                            obj[name] = Text(limit);
                        }
                    }
                    else
                    {
                        Grow(card, value, at, typed);
                    }
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    Grow(card, item, path + "[]", typed);
                }

                if (list.Count > 0 && ListCaps.TryGetValue(Key(card, path), out var cap))
                {
                    var last = list[^1]!;
                    while (list.Count < cap)
                    {
                        list.Add(last.DeepClone());
                    }
                }

                break;
        }
    }

    private static void Lists(JsonNode? node, string path, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Lists(value, $"{path}.{name}", found);
                }

                break;
            case JsonArray list:
                found.Add(path);
                foreach (var item in list)
                {
                    Lists(item, path + "[]", found);
                }

                break;
        }
    }

    private static string Text(int length)
    {
        var text = new StringBuilder(length + Prose.Length);
        while (text.Length < length)
        {
            text.Append(Prose);
        }

        return text.ToString(0, length);
    }

    private static JsonNode SampleData(string card) =>
        CardPaths.ReadJson(CardCatalog.SampleDataFile(CardPaths.CardFile(card))) ?? new JsonObject();

    private static IEnumerable<JsonObject> CardJsonNodes(JsonNode? node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.SelectMany(p => CardJsonNodes(p.Value))),
        JsonArray list => list.SelectMany(CardJsonNodes),
        _ => [],
    };
}
