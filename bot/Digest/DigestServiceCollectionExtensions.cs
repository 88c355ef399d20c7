using LearningBot.Connector.Hosting;
using LearningBot.Digest.Sending;
using LearningBot.Digest.Print;
using LearningBot.Digest.Archive;

namespace LearningBot.Digest;

public static class DigestServiceCollectionExtensions
{
    /// <summary>Registers the newsletter digest: editions and their proposed contents, the editor's card, reading and contributions.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services) =>
        services
            .AddSingleton<DigestEditionStore>()
            .AddSingleton<DigestContributionStore>()
            .AddSingleton<DigestReviewTip>()
            .AddSingleton<DigestProposal>()
            .AddSingleton<DigestCards>()
            .AddSingleton<DigestStarting>()
            .AddSingleton<DigestEditing>()
            .AddSingleton<DigestContributing>()
            .AddSingleton<IBotFeature, DigestFeature>()
            .AddSingleton<Approval.DigestApprovers>()
            .AddSingleton<Approval.DigestApprovalCards>()
            .AddSingleton<Approval.DigestApproving>()
            .AddSingleton<Approval.DigestHistory>()
            .AddSingleton<IBotFeature, Approval.DigestApprovalFeature>()
            .AddDigestSending()
            .AddDigestPrint()

            .AddDigestArchive();
}
