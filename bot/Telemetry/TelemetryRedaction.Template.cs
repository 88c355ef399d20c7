using System.Text;

namespace LearningBot.Telemetry;

public static partial class TelemetryRedaction
{
    /// <summary>
    /// A log message template with its literal text as <see cref="FreeText"/> would leave it and its holes
    /// (<c>{Name}</c>) kept: a template built from data (an interpolated string) carries that data in its literal text.
    /// Quoted text is left alone (ids, secrets and personal data in it still go), so <c>'{Name}'</c> stays a hole.
    /// </summary>
    internal static string Template(string template)
    {
        if (template.Length == 0)
        {
            return template;
        }

        // Each hole becomes one private-use character of its own, so a hole inside a removed span goes with it and the
        // others come back in their places.
        var holes = new List<string>();
        var marked = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var character = template[i];
            if ((character is '{' or '}') && i + 1 < template.Length && template[i + 1] == character)
            {
                marked.Append(character).Append(character);
                i++;
                continue;
            }

            var close = character == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0 || holes.Count >= HoleMarks)
            {
                marked.Append(character);
                continue;
            }

            marked.Append((char)(FirstHoleMark + holes.Count));
            holes.Add(template[i..(close + 1)]);
            i = close;
        }

        var redacted = Redact(marked.ToString(), Rules.Secrets | Rules.Ids | Rules.Personal);
        if (holes.Count == 0)
        {
            return redacted;
        }

        var restored = new StringBuilder(redacted.Length + 16 * holes.Count);
        foreach (var character in redacted)
        {
            var hole = character - FirstHoleMark;
            restored.Append(hole >= 0 && hole < holes.Count ? holes[hole] : character);
        }

        return restored.ToString();
    }

    private const char FirstHoleMark = '\uE000';
    private const int HoleMarks = 0x1000;
}
