using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Leads;

/// <summary>A lead as the who's who lists them.</summary>
public sealed record LeadSeed(
    string WhosWhoId, string PersonKey, string Name, string RoleTitle, string Organisation, string OrganisationKind, IReadOnlyList<string> Specialties, string Kind = "");

/// <summary>
/// The who's-who file read for its leads (kinds <c>ld-lead</c>, <c>clinical-lead</c>, <c>occupational-lead</c>,
/// <c>network-lead</c>) that have a person key and at least one known theme. Resolved once: the content root first,
/// then the app's own folder.
/// </summary>
public sealed class LeadSeedFile(string? path)
{
    private static readonly string[] LeadKinds = ["ld-lead", "clinical-lead", "occupational-lead", "network-lead"];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The file's full path, or null when seeding is off.</summary>
    public string? Path { get; } = path;

    public static LeadSeedFile Resolve(LeadsOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SeedFile))
        {
            return new LeadSeedFile(null);
        }

        var candidates = new[]
        {
            System.IO.Path.GetFullPath(options.SeedFile, contentRoot),
            System.IO.Path.GetFullPath(options.SeedFile, AppContext.BaseDirectory),
        };
        return new LeadSeedFile(candidates.FirstOrDefault(File.Exists) ?? candidates[0]);
    }

    /// <summary>The leads in the file; null when seeding is off. A missing or malformed file throws (IO/JsonException).</summary>
    public async Task<IReadOnlyList<LeadSeed>?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Path is null)
        {
            return null;
        }

        await using var stream = File.OpenRead(Path);
        var file = await JsonSerializer.DeserializeAsync<WhosWhoFile>(stream, JsonOptions, cancellationToken).ConfigureAwait(false);
        return Parse(file?.People ?? []);
    }

    internal static IReadOnlyList<LeadSeed> Parse(IEnumerable<WhosWhoPerson> people) =>
    [
        .. from person in people
           where LeadKinds.Contains(person.Kind) && Guid.TryParse(person.PersonKey, out _)
           let themes = SignalThemes.Known(person.Specialties ?? [])
           where themes.Count > 0 && !string.IsNullOrWhiteSpace(person.Id) && !string.IsNullOrWhiteSpace(person.Name)
           select new LeadSeed(person.Id!, LeadEntry.Normalise(person.PersonKey!), person.Name!, person.Role ?? string.Empty,
               person.Organisation ?? string.Empty, person.OrganisationKind ?? string.Empty, themes, person.Kind ?? string.Empty),
    ];

    internal sealed record WhosWhoFile([property: JsonPropertyName("people")] IReadOnlyList<WhosWhoPerson>? People);

    internal sealed record WhosWhoPerson(
        string? Id, string? Name, string? Role, string? Kind, string? Organisation, string? OrganisationKind, string? PersonKey,
        IReadOnlyList<string>? Specialties);
}
