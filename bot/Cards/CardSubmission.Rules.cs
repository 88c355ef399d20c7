using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LearningBot.Cards;

/// <summary>The rules an input declares, checked against one submitted value: each gives the problem in plain words, or null.</summary>
public static partial class CardSubmission
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static string? Check(JsonElement input, string value, bool requireAnswers)
    {
        var type = StringOf(input, "type");
        var required = requireAnswers && input.TryGetProperty("isRequired", out var isRequired) && isRequired.ValueKind == JsonValueKind.True;
        if (type == "Input.Toggle")
        {
            var on = Text(input, "valueOn") is { Length: > 0 } v ? v : "true";
            return required && value != on ? "This needs to be ticked." : null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? "This needs an answer." : null;
        }

        return type switch
        {
            "Input.Text" => CheckText(input, value),
            "Input.Number" => CheckNumber(input, value),
            "Input.Date" => CheckDate(input, value),
            "Input.Time" => CheckTime(input, value),
            "Input.ChoiceSet" => CheckChoices(input, value),
            _ => null,
        };
    }

    private static string? CheckText(JsonElement input, string value)
    {
        if (Number(input, "maxLength") is > 0 and var limit && value.Length > limit)
        {
            return $"This is {value.Length} characters long; the limit is {Format(limit)}.";
        }

        if (StringOf(input, "regex") is { Length: > 0 } pattern)
        {
            try
            {
                if (!Regex.IsMatch(value, pattern, RegexOptions.None, RegexTimeout))
                {
                    return "This is not in the expected format.";
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return "This is not in the expected format.";
            }
        }

        return null;
    }

    private static string? CheckNumber(JsonElement input, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return "This needs to be a number.";
        }

        var min = Number(input, "min");
        var max = Number(input, "max");
        return (min, max) switch
        {
            ({ } low, _) when number < low => $"This needs to be {Format(low)} or more.",
            (_, { } high) when number > high => $"This needs to be {Format(high)} or less.",
            _ => null,
        };
    }

    private static string? CheckDate(JsonElement input, string value)
    {
        if (DateBounds.Parse(value) is not { } day)
        {
            return "This needs to be a date.";
        }

        // A min or max the card cannot read is no limit at all, as in the client.
        if (DateBounds.Parse(Text(input, "min")) is { } min && day < min)
        {
            return $"This needs to be {DateBounds.InWordsOf(min)} or later.";
        }

        if (DateBounds.Parse(Text(input, "max")) is { } max && day > max)
        {
            return $"This needs to be {DateBounds.InWordsOf(max)} or earlier.";
        }

        return null;
    }

    private static string? CheckTime(JsonElement input, string value)
    {
        if (value.Length != 5 || !TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return "This needs to be a time.";
        }

        // Two-figure hours and minutes sort as text, so ordinal comparison orders them correctly.
        if (Text(input, "min") is { Length: > 0 } min && string.CompareOrdinal(value, min) < 0)
        {
            return $"This needs to be {min} or later.";
        }

        if (Text(input, "max") is { Length: > 0 } max && string.CompareOrdinal(value, max) > 0)
        {
            return $"This needs to be {max} or earlier.";
        }

        return null;
    }

    private static string? CheckChoices(JsonElement input, string value)
    {
        if (!input.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || input.TryGetProperty("choices.data", out _))
        {
            return null;
        }

        if (Offered(choices, value))
        {
            return null;
        }

        var multi = input.TryGetProperty("isMultiSelect", out var isMulti) && isMulti.ValueKind == JsonValueKind.True;
        var picked = multi ? value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [value];
        return picked.All(choice => Offered(choices, choice)) ? null : "This needs to be one of the options given.";
    }

    private static bool Offered(JsonElement choices, string value)
    {
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("value", out var offered)
                && (offered.ValueKind == JsonValueKind.String ? offered.ValueEquals(value) : Text(offered) == value))
            {
                return true;
            }
        }

        return false;
    }
}
