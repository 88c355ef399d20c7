using LearningBot.Announcements;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Support;

/// <summary>
/// The bot host with the progress card, cancel, the delivery report and announcements, over an
/// <see cref="InMemoryDeliveries"/> the tests drive, which posts the progress card when a delivery starts, as the engine does. <see cref="Support"/> is in the L&amp;D Support Team; report links
/// point at <see cref="PublicBaseUrl"/>. The updater's own timer is set far apart: tests run its periods themselves.
/// </summary>
public sealed class DeliveryUiHostFixture : BotHostFixture
{
    public const string PublicBaseUrl = "https://learningbot.test";

    public static readonly TestPerson Support = new("29:1-ld-support", "3b9e0a41-0000-4000-8000-0000000051a1", "Sam Okafor");

    public static readonly TestPerson OtherSupport = new("29:1-ld-support-2", "3b9e0a41-0000-4000-8000-0000000051a2", "Jo Byrne");

    public InMemoryDeliveries Deliveries { get; } = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Roles:SupportTeam:0"] = Support.AadObjectId,
        ["Roles:SupportTeam:1"] = OtherSupport.AadObjectId,
        ["PublicLinks:BaseUrl"] = PublicBaseUrl,
        ["PublicLinks:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["Delivery:Progress:UpdateEvery"] = "00:05:00",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IDeliveries>(provider =>
        {
            Deliveries.Notifier = provider.GetRequiredService<IDeliveryProgressNotifier>();
            return Deliveries;
        });
        services.AddDeliveryProgress();
        services.AddAnnouncements();
    }
}
