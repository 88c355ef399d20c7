namespace LearningBot.Digest;

/// <summary>The verbs of the digest's cards. <see cref="Latest"/> is the welcome card's "Read the digest".</summary>
public static class DigestVerbs
{
    public const string Latest = "digest.latest";
    public const string Open = "digest.open";
    public const string Up = "digest.up";
    public const string Down = "digest.down";
    public const string Edit = "digest.edit";
    public const string Remove = "digest.remove";
    public const string Add = "digest.add";
    public const string Save = "digest.save";
    public const string Preview = "digest.preview";
    public const string Contribute = "digest.contribute";
    public const string SendContribution = "digest.contribute.send";
}

/// <summary>The verbs of the archive's cards (past editions, opening one, searching) and the reader card's "Past editions".</summary>
public static class DigestArchiveVerbs
{
    public const string Archive = "digest.archive";
    public const string OpenEdition = "digest.archive.open";
    public const string Search = "digest.archive.search";
}
