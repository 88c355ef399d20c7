namespace LearningBot.OneStopShop.Knowledge;

/// <summary>One entry of a term's postings: the article and its BM25F term weight, ready to multiply by IDF.</summary>
/// <param name="Weight">The saturated BM25F weight tf·(k1+1)/(k1+tf), where tf is the field-weighted, length-normalised frequency summed over the fields.</param>
/// <param name="Fields">Which fields hold the term (bit per field: title, tags, summary, body).</param>
internal readonly record struct Posting(int Doc, float Weight, byte Fields);
