using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>
/// The directory's own rows, in partition <c>directory</c>: <c>version</c>, rewritten after every change so a catalogue
/// can tell with one small read whether what it holds is still current, and <c>sample-seed</c>, the day the sample
/// offers were first loaded, from which their sessions' dates are counted.
/// </summary>
public sealed record DirectoryMetaEntity : TableRow
{
    public const string Partition = "directory";
    public const string VersionRow = "version";
    public const string SeedRow = "sample-seed";

    public string Version { get; init; } = string.Empty;

    /// <summary>The UK date the sample was first loaded (yyyy-MM-dd), on the seed row.</summary>
    public string? AnchorDate { get; init; }
}
