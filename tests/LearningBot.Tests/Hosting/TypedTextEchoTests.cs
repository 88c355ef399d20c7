using System.Text.Json;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Tests.Hosting;

public sealed class TypedTextEchoTests
{
    [Fact]
    public void A_form_echoing_the_uk_days_date_typed_just_after_midnight_in_british_summer_time_is_not_stored()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London: a date of today is one the scrubber removes.
        var typed = "my mum was admitted on 16/06/2026";
        var activity = new Activity { Type = ActivityTypes.Invoke, Value = JsonSerializer.SerializeToElement(new { action = new { data = new { note = typed } } }) };
        var response = new InvokeResponse(200, new { statusCode = 200, value = new { note = typed } });

        Assert.True(TypedTextEcho.Holds(activity, response, new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero)));
    }
}
