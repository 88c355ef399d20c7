using System.Text;
using LearningBot.Calendar;
using LearningBot.Privacy;

namespace LearningBot.OneStopShop.Answers;

/// <summary>Question text as it is answered and kept, and in a form where the same question typed differently groups together.</summary>
public static class QuestionText
{
    /// <summary>How much of a question is answered and kept.</summary>
    public const int MaxLength = 1000;

    /// <summary>The question as typed (or as a card sent it back), cut to <see cref="MaxLength"/> and scrubbed.</summary>
    public static ScrubbedText Scrubbed(string question, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(question);
        return PersonalDataScrubber.Scrub(
            question.Length > MaxLength ? question[..MaxLength] : question, UkTime.Today(clock), ScrubMarking.Plain);
    }

    /// <summary>Lower case, letters and digits only, single spaces, no trailing courtesy ("please", "thanks").</summary>
    public static string Normalise(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var builder = new StringBuilder(question.Length);
        var pendingSpace = false;
        foreach (var c in question.Replace("[removed]", " ", StringComparison.Ordinal))
        {
            if (char.IsLetterOrDigit(c) || c is '&')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else if (c is not '\'' and not '’')
            {
                pendingSpace = true;
            }
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && Courtesy.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        while (words.Count > 0 && Courtesy.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }

    private static readonly HashSet<string> Courtesy = new(["please", "pls", "thanks", "thank", "you", "thankyou", "hi", "hello", "hey", "cheers"], StringComparer.Ordinal);
}
