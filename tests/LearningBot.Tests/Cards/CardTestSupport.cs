using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Cards;

/// <summary>Where the card templates and fixtures live, found from the test's output folder.</summary>
internal static class CardPaths
{
    public static string RepoRoot => RepoPaths.Root;

    /// <summary>The product's cards.</summary>
    public static string Cards => Path.Combine(RepoRoot, "cards");

    /// <summary>Extra templates that exercise the binder against the reference library.</summary>
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "cards", "fixtures");

    public static string ReferenceScript => Path.Combine(RepoRoot, "tests", "cards", "reference.mjs");

    /// <summary>Every product card, by name, for theories.</summary>
    public static TheoryData<string> CardNames() => Names(Cards);

    /// <summary>Every product card and fixture, as a path relative to the repository.</summary>
    public static TheoryData<string> AllTemplates() => [.. AllTemplatePaths()];

    public static IEnumerable<string> AllTemplatePaths() =>
        CardCatalog.TemplateFiles(Cards).Concat(CardCatalog.TemplateFiles(Fixtures)).Select(file => Path.GetRelativePath(RepoRoot, file));

    public static string CardFile(string name) => Path.Combine(Cards, name + ".json");

    public static JsonNode? ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path));

    private static TheoryData<string> Names(string directory)
    {
        var data = new TheoryData<string>();
        foreach (var file in CardCatalog.TemplateFiles(directory))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

}

/// <summary>Runs <c>tests/cards/reference.mjs</c>: the official adaptivecards and adaptivecards-templating libraries.</summary>
internal static class ReferenceLibrary
{
    /// <summary>Binds with the JavaScript library and reports the parse events for <paramref name="bound"/>.</summary>
    public static JsonObject Check(JsonNode? template, JsonNode? data, JsonNode bound) =>
        (JsonObject)Run([CardPaths.ReferenceScript, "--check"], new JsonObject { ["template"] = template?.DeepClone(), ["data"] = data?.DeepClone(), ["bound"] = bound.DeepClone() })!;

    /// <summary>Binds many (template, data) pairs in one Node process; each result has <c>card</c> or <c>error</c>.</summary>
    public static JsonArray Batch(IEnumerable<(JsonNode Template, JsonNode? Data)> cases)
    {
        var input = new JsonArray();
        foreach (var (template, data) in cases)
        {
            input.Add(new JsonObject { ["template"] = template.DeepClone(), ["data"] = data?.DeepClone() });
        }

        return (JsonArray)Run([CardPaths.ReferenceScript, "--batch"], input)!;
    }

    /// <summary>
    /// <see cref="Check"/> for many cards in one Node process (starting Node and the libraries is most of a check's
    /// time): one result per case, in order. It calls the script's own <c>bind</c> and <c>parseEvents</c>.
    /// </summary>
    public static JsonArray CheckAll(IEnumerable<(JsonNode? Template, JsonNode? Data, JsonNode Bound)> cases)
    {
        var input = new JsonArray();
        foreach (var (template, data, bound) in cases)
        {
            input.Add(new JsonObject { ["template"] = template?.DeepClone(), ["data"] = data?.DeepClone(), ["bound"] = bound.DeepClone() });
        }

        return (JsonArray)Run(["--input-type=module", "-e", CheckAllScript, "check-all", CardPaths.ReferenceScript], input)!;
    }

    /// <summary>What <c>reference.mjs --check</c> does, for every case on standard input.</summary>
    private const string CheckAllScript = """
        import { readFileSync } from 'node:fs';
        import { pathToFileURL } from 'node:url';
        const { bind, parseEvents } = await import(pathToFileURL(process.argv[2]).href);
        const check = ({ template, data, bound }) => {
          let result;
          try {
            result = bind(template, data);
          } catch (error) {
            result = { error: String(error?.message ?? error) };
          }
          return { ...result, events: parseEvents(bound) };
        };
        process.stdout.write(JSON.stringify(JSON.parse(readFileSync(0, 'utf8')).map(check)));
        """;

    private static JsonNode? Run(string[] arguments, JsonNode input)
    {
        var start = new ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = CardPaths.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("reference.mjs did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"reference.mjs exited with {process.ExitCode}: {stderr.Result}");
        }

        return JsonNode.Parse(stdout.Result);
    }
}

/// <summary>JSON equality as JavaScript sees it: numbers by value, objects by key set, arrays in order.</summary>
internal static class JsonSemantics
{
    /// <summary>Null when equal, otherwise the path of the first difference with both values.</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual) =>
        Diff(Reparse(expected), Reparse(actual), "$");

    // Re-reading from text makes every number a JsonElement, so numbers compare by value.
    private static JsonNode? Reparse(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());

    private static string? Diff(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other))
                    {
                        return $"{path}.{key}: missing (expected {value?.ToJsonString() ?? "null"})";
                    }

                    if (Diff(value, other, $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = a.Select(p => p.Key).FirstOrDefault(k => !e.ContainsKey(k));
                return extra is null ? null : $"{path}.{extra}: unexpected property";
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path}: {a.Count} items, expected {e.Count}: {a.ToJsonString()} vs {e.ToJsonString()}";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (Diff(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number:
                return e.GetValue<JsonElement>().GetDouble() == a.GetValue<JsonElement>().GetDouble()
                    ? null
                    : $"{path}: {a.ToJsonString()}, expected {e.ToJsonString()}";
            default:
                return JsonNode.DeepEquals(expected, actual)
                    ? null
                    : $"{path}: {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}";
        }
    }
}
