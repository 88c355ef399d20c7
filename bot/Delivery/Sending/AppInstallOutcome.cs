namespace LearningBot.Delivery.Sending;

/// <summary>What installing the app for a person came to.</summary>
public abstract record AppInstallOutcome
{
    /// <summary>Installed now, or it already was (Graph's 409).</summary>
    public sealed record Installed : AppInstallOutcome;

    /// <summary>It cannot be installed for them; <paramref name="Reason"/> is one of <see cref="UnreachableReasons"/>.</summary>
    public sealed record Unreachable(string Reason) : AppInstallOutcome;

    /// <summary>Graph was busy or could not be reached: try again later.</summary>
    public sealed record Transient(string Reason) : AppInstallOutcome;

    /// <summary>Graph refused the request itself (a missing permission, an unknown app): not the recipient's doing.</summary>
    public sealed record Rejected(string Reason) : AppInstallOutcome;
}
