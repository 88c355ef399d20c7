using LearningBot.Delivery;
using LearningBot.FeedbackSignals;
using LearningBot.GoodPractice.Links;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Escalation;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Welcome;

namespace LearningBot.Tests.Storage;

/// <summary>
/// The keys stores derive from SHA-256, pinned to the exact text they have always produced: rows, ids and card
/// fingerprints already written must still be found after any change to how the keys are worked out.
/// </summary>
public sealed class StableKeyTests
{
    private static readonly Dictionary<string, (Func<string> Make, string Expected)> Pinned = new(StringComparer.Ordinal)
    {
        ["welcome, conversation id"] = (() => WelcomedConversations.KeyOf("19:meeting_abc@thread.v2"), "0180e7f793ee596c4cab67e5ca681f7ef6d23318c0163500ccbf8055939f3246"),
        ["welcome, non-ASCII id"] = (() => WelcomedConversations.KeyOf("a:1Xy-Zoë/日本"), "4bb39486d336512dcc593959b020ac9685cc8fd67afebad6f74b9d41f33444ed"),
        ["ticket submit"] = (() => TicketSubmitEntity.RowKeyFor("person-1", "token-a"), "b67d1ad9908c5dd27e16c48c5a05e540513ed709fdc293071e39ba2280d2db97"),
        ["ticket submit, empty token"] = (() => TicketSubmitEntity.RowKeyFor("Zoë@example.org", string.Empty), "840989ab7ab118eb7c54e61a1e8aedf8aa3cd96353df653ad6dc0b98ffddc002"),
        ["article text"] = (() => ArticleMeaning.HashOf("How do I book a course?"), "ace62209c6879e867968b9f0d79a185848f18ef11af6d444d9b00f2ff04a5526"),
        ["article text, accents"] = (() => ArticleMeaning.HashOf("Café — naïve résumé"), "ea742f8a3ec96960a0f4844c117cbfd16f64639c6afef2418007730fdf314d80"),
        ["article body version"] = (() => ArticleBodyParts.VersionOf("First part.\n\nSecond part."), "155c807e542e8220"),
        ["article body version, empty"] = (() => ArticleBodyParts.VersionOf(string.Empty), "e3b0c44298fc1c14"),
        ["feedback signal"] = (() => FeedbackSignal.IdFor("person-1", "form-1"), "dc5c6de3548dab1f1bd98d2e20e8b78f"),
        ["feedback signal, non-ASCII"] = (() => FeedbackSignal.IdFor("Zoë", "日本"), "5dc62b31377e8a947e13a7dd5998966c"),
        ["compliment to manager, mixed case"] = (() => SignalCompliments.ManagerKeyFor("signal-1", "Manager@Example.ORG"), "596135874b3fc7675536a8c6ded139a4"),
        ["compliment to manager, non-ASCII"] = (() => SignalCompliments.ManagerKeyFor("signal-2", "zoë@example.org"), "f14e8a127e9d56f99eee697b4ce3af4b"),
        ["theme alert, first crossing"] = (() => ThemeTally.AlertIdFor("theme-a", 1), "d6c09b70fcdd3ef77f6d3b83718bf451"),
        ["theme alert, twelfth crossing"] = (() => ThemeTally.AlertIdFor("Thème/b", 12), "898541447a806658a468b477fb3ef749"),
        ["compliment draft"] = (() => ComplimentDrafts.DraftIdOf("signal-1"), "394be8b239b735912bf512eceb1b79b2"),
        ["compliment draft, non-ASCII"] = (() => ComplimentDrafts.DraftIdOf("Zoë"), "466e4bc7dff6cb6642cd55990c9c3c53"),
        ["delivery"] = (() => DeliveryKeys.DeliveryId("signal-compliment-manager", "abc"), "047659edf9ed36002775607700a6c75c"),
        ["delivery, non-ASCII"] = (() => DeliveryKeys.DeliveryId("course-alert", "offer-1|Zoë"), "cd78d7f2d5b25433c3d13f2934baa1ac"),
        ["delivery recipient"] = (() => DeliveryKeys.RecipientRowKey("person", "person-1"), "r|4ad1ca4239d72d7a878269cf"),
        ["delivery recipient, non-ASCII"] = (() => DeliveryKeys.RecipientRowKey("team", "19:Zoë@thread"), "r|714112dc99f2bfb15558c63f"),
    };

    public static TheoryData<string> PinnedKeys => [.. Pinned.Keys];

    [Theory]
    [MemberData(nameof(PinnedKeys))]
    public void Every_store_derives_the_same_key_it_always_has(string which)
    {
        var (make, expected) = Pinned[which];

        Assert.Equal(expected, make());
    }
}
