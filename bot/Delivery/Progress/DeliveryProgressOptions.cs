using System.ComponentModel.DataAnnotations;

namespace LearningBot.Delivery.Progress;

/// <summary>The requester's progress card and the delivery report (section <c>Delivery:Progress</c>).</summary>
public sealed record DeliveryProgressOptions : IValidatableObject
{
    public const string Section = "Delivery:Progress";

    /// <summary>How often open progress cards are brought up to date (each card at most once per period, across every instance).</summary>
    public TimeSpan UpdateEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a "Download delivery report" link works.</summary>
    public TimeSpan ReportLinkLifetime { get; init; } = TimeSpan.FromDays(7);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UpdateEvery < TimeSpan.FromMilliseconds(100) || UpdateEvery > TimeSpan.FromMinutes(5))
        {
            yield return new($"{Section}:{nameof(UpdateEvery)} must be between 00:00:00.1 and 00:05:00.", [nameof(UpdateEvery)]);
        }

        if (ReportLinkLifetime <= TimeSpan.Zero || ReportLinkLifetime > TimeSpan.FromDays(31))
        {
            yield return new($"{Section}:{nameof(ReportLinkLifetime)} must be between a moment and 31 days.", [nameof(ReportLinkLifetime)]);
        }
    }
}
