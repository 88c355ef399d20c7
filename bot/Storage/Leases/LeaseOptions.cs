using System.ComponentModel.DataAnnotations;

namespace LearningBot.Storage.Leases;

/// <summary>How the instances of the bot share their background jobs (section <c>Leases</c>).</summary>
public sealed record LeaseOptions : IValidatableObject
{
    public const string Section = "Leases";

    /// <summary>
    /// How often an instance that did not win a period looks again, so that a period whose winner stopped half way is
    /// taken over once its lease runs out (a job's period longer than this is checked this often).
    /// </summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a winner holds a period before another instance may run it instead (at most the period itself).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CheckInterval < TimeSpan.FromMilliseconds(100) || CheckInterval > TimeSpan.FromHours(1))
        {
            yield return new($"{Section}:{nameof(CheckInterval)} must be between 00:00:00.1 and 01:00:00.", [nameof(CheckInterval)]);
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            yield return new($"{Section}:{nameof(LeaseDuration)} must be at least a second.", [nameof(LeaseDuration)]);
        }
    }
}
