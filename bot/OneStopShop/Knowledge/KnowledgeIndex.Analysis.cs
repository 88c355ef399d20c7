using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

public sealed partial class KnowledgeIndex
{
    private RawArticleTerms AnalyseRaw(KnowledgeArticle article)
    {
        var text = new AnalysedText();
        var fields = new[]
        {
            article.Title,
            string.Join(", ", article.Tags),
            article.Summary,
            MarkdownText.ToPlainText(article.Body),

            // Left out at weight 0, so that setting restores the ranking from before phrasings exactly.
            _ranking.AskedWeight > 0 ? string.Join(". ", article.Asked) : string.Empty,
        };
        var raw = new RawArticleTerms(article);
        for (var f = 0; f < fields.Length; f++)
        {
            _analyzer.Analyse(fields[f], text);
            var counts = raw.Fields[f];
            for (var i = 0; i < text.Count; i++)
            {
                if (text[i].IsStop)
                {
                    continue;
                }

                var term = text.Term(i).ToString();
                counts[term] = counts.GetValueOrDefault(term) + 1;
                raw.Lengths[f]++;
                raw.SurfaceTerms[text.Surface(i).ToString()] = term;
            }

            for (var p = 0; p < text.PhraseCount; p++)
            {
                var concept = _analyzer.ConceptTerm(text.Phrase(p).Group);
                counts[concept] = counts.GetValueOrDefault(concept) + 1;
            }

            if (f <= TagsField)
            {
                foreach (var (first, second) in WordPairs(text))
                {
                    var pair = PairTerm(text.Term(first), text.Term(second));
                    counts[pair] = counts.GetValueOrDefault(pair) + 1;
                }
            }
        }

        return raw;
    }

    /// <summary>
    /// Neighbouring meaningful words (stop words between them skipped, never across punctuation): "first time
    /// manager", "one stop shop". Indexed for the title and tags only, so a question that uses an article's own
    /// phrase ranks it above articles that merely hold the same words apart.
    /// </summary>
    private static IEnumerable<(int First, int Second)> WordPairs(AnalysedText text)
    {
        var previous = -1;
        for (var i = 0; i < text.Count; i++)
        {
            if (text[i].BreakBefore)
            {
                previous = -1;
            }

            if (text[i].IsStop)
            {
                continue;
            }

            if (previous >= 0)
            {
                yield return (previous, i);
            }

            previous = i;
        }
    }

    private static string PairTerm(ReadOnlySpan<char> first, ReadOnlySpan<char> second) => string.Concat(first, " ", second);
}
