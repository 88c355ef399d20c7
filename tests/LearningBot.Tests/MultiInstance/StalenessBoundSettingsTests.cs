using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LearningBot.OneStopShop.Escalation;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Tests.MultiInstance;

/// <summary>The settings that bound how long an instance uses its copy of something another instance can change.</summary>
public sealed class StalenessBoundSettingsTests
{
    [Fact]
    public void By_default_an_article_or_expert_channel_changed_elsewhere_is_seen_within_30_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new AnswerOptions().StoredArticlesRefresh);
        Assert.Equal(TimeSpan.FromSeconds(30), new EscalationOptions().ExpertChannelCacheDuration);
        Assert.Empty(Problems(new AnswerOptions()));
        Assert.Empty(Problems(new EscalationOptions()));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.5")]
    [InlineData("00:10:01")]
    public void A_stored_articles_refresh_outside_a_second_to_ten_minutes_is_refused(string refresh)
    {
        var options = new AnswerOptions { StoredArticlesRefresh = TimeSpan.Parse(refresh, CultureInfo.InvariantCulture) };

        Assert.Equal("OneStopShop:StoredArticlesRefresh must be between 00:00:01 and 00:10:00.", Assert.Single(Problems(options)));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:05:01")]
    public void An_expert_channel_cache_time_outside_zero_to_five_minutes_is_refused(string duration)
    {
        var options = new EscalationOptions { ExpertChannelCacheDuration = TimeSpan.Parse(duration, CultureInfo.InvariantCulture) };

        Assert.Equal("LearningHub:Escalation:ExpertChannelCacheDuration must be between 00:00:00 and 00:05:00.", Assert.Single(Problems(options)));
    }

    private static List<string?> Problems(IValidatableObject options) =>
        [.. options.Validate(new ValidationContext(options)).Select(problem => problem.ErrorMessage)];
}
