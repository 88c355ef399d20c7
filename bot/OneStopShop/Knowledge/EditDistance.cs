namespace LearningBot.OneStopShop.Knowledge;

/// <summary>Damerau (optimal string alignment) distance, only as far as asking "at most one edit?".</summary>
internal static class EditDistance
{
    public static bool IsAtMostOne(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var shorter = a;
            a = b;
            b = shorter;
        }

        if (a.Length - b.Length > 1)
        {
            return false;
        }

        var i = 0;
        while (i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (i == b.Length)
        {
            return true;
        }

        if (a.Length != b.Length)
        {
            return a[(i + 1)..].SequenceEqual(b[i..]);
        }

        return a[(i + 1)..].SequenceEqual(b[(i + 1)..])
            || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]));
    }
}
