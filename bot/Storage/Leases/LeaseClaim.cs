using Azure;

namespace LearningBot.Storage.Leases;

/// <summary>A won claim on one period of a job: this instance runs it, and marks it complete with the claim's ETag.</summary>
public sealed record LeaseClaim(string Job, DateTimeOffset PeriodStart, DateTimeOffset NextPeriodStart, ETag ETag);
