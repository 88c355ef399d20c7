namespace LearningBot.Digest.Sending;

public static class DigestSendingServiceCollectionExtensions
{
    /// <summary>Registers sending the digest: audience and schedule, the sending job on every instance, subscriptions and reach.</summary>
    public static IServiceCollection AddDigestSending(this IServiceCollection services)
    {
        services.AddOptions<DigestSendingOptions>().BindConfiguration(DigestSendingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<DigestSubscriptions>()
            .AddSingleton<DigestReach>()
            .AddSingleton<DigestRecipients>()
            .AddSingleton<DigestSendingCards>()
            .AddSingleton<DigestSender>()
            .AddHostedService(provider => provider.GetRequiredService<DigestSender>())
            .AddSingleton<DigestScheduling>()
            .AddSingleton<DigestReading>();
    }
}
