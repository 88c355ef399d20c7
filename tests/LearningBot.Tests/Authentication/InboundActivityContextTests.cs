using System.Text;
using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Schema;

namespace LearningBot.Tests.Authentication;

/// <summary>
/// What the token is checked against is read from the unauthenticated body in one pass, and must be exactly what the
/// turn later deserializes (bot-protocol.md §1.2: the serviceUrl, channel and tenant the token was checked against).
/// </summary>
public sealed class InboundActivityContextTests
{
    public static TheoryData<string> Bodies => new()
    {
        """{"type":"message","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/emea/","conversation":{"id":"a:1","tenantId":"t-conv"},"channelData":{"tenant":{"id":"t-data"}}}""",
        """{"ChannelID":"msteams","SERVICEURL":"https://smba.trafficmanager.net/emea/","Conversation":{"TenantId":"t-conv"}}""",
        """{"channelId":"first","channelId":"last","serviceUrl":"https://a.example/","serviceurl":"https://b.example/"}""",
        """{"channelId":"msteams","channelId":null,"conversation":{"tenantId":"t-conv"},"channelData":{"tenant":"t-data"}}""",
        """{"conversation":{"tenantId":"t-conv"},"channelData":{"tenant":{"id":9}}}""",
        """{"conversation":{"tenantId":"t-conv"},"channelData":{"tenant":{"id":"first"},"tenant":{"name":"no id"}}}""",
        """{"channelData":{"tenant":{"id":"t-one"}},"channelData":{"team":{"id":"19:x"}},"conversation":{"tenantId":"t-conv"}}""",
        """{"channel\u0049d":"escaped","service\u0055rl":"https://escaped.example/","channelData":{"ten\u0061nt":{"\u0069d":"t-esc"}}}""",
        """{"channelıd":"dotless","channelData":{"tenant":{"id":"t"},"extra":[1,{"tenant":{"id":"nested"}}]}}""",
        """{"channelId":"msteams","value":{"channelId":"inner","serviceUrl":"https://inner.example/"},"entities":[{"tenant":{"id":"x"}}]}""",
        """ {"channelId":"msteams"}  """,
        "{}",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Reads_what_the_deserialized_activity_holds(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var activity = JsonSerializer.Deserialize<Activity>(bytes, BotJson.Options)!;

        var context = InboundActivityContext.Read(bytes);

        Assert.Equal(new InboundActivityContext(activity.ChannelId, activity.ServiceUrl, activity.GetTenantId()), context);
    }

    [Theory]
    [InlineData("""{"channelId":5,"serviceUrl":["https://a.example/"],"conversation":{"tenantId":7}}""", null, null, null)]
    [InlineData("""{"channelId":"msteams","conversation":"not an object","channelData":{"tenant":{"id":true}}}""", "msteams", null, null)]
    [InlineData("""{"channelId":{"id":"msteams"},"serviceUrl":"https://a.example/","conversation":{"tenantId":"t-conv"}}""", null, "https://a.example/", "t-conv")]
    public void Counts_only_string_values(string body, string? channelId, string? serviceUrl, string? tenantId)
    {
        Assert.Equal(new InboundActivityContext(channelId, serviceUrl, tenantId), InboundActivityContext.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"msteams\"")]
    [InlineData("""{"channelId":"msteams",}""")]
    [InlineData("""{"channelId":"msteams"} {"channelId":"other"}""")]
    [InlineData("""{"channelId":"msteams"} x""")]
    [InlineData("""{"channelId":"msteams" /* comment */}""")]
    [InlineData("""{"channelId":"msteams","channelData":{"tenant":{"id":"t"}""")]
    [InlineData("""{"channelId":"msteams","x":[1,2}""")]
    public void Gives_nothing_for_a_body_that_is_not_one_JSON_object(string body)
    {
        Assert.Same(InboundActivityContext.Unreadable, InboundActivityContext.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Reads_a_body_with_a_byte_order_mark_as_the_serializer_does()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"channelId":"msteams","serviceUrl":"https://a.example/"}""")).ToArray();
        InboundActivityContext expected;
        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(bytes, BotJson.Options)!;
            expected = new InboundActivityContext(activity.ChannelId, activity.ServiceUrl, activity.GetTenantId());
        }
        catch (JsonException)
        {
            expected = InboundActivityContext.Unreadable;
        }

        Assert.Equal(expected, InboundActivityContext.Read(bytes));
    }

    [Fact]
    public void Gives_nothing_for_a_body_nested_deeper_than_the_serializer_reads()
    {
        var body = "{\"channelId\":\"msteams\",\"value\":" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}";

        Assert.Same(InboundActivityContext.Unreadable, InboundActivityContext.Read(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("channelId")]
    [InlineData("serviceUrl")]
    [InlineData("other")]
    public void Gives_nothing_for_a_body_with_invalid_utf8_and_never_throws(string member)
    {
        var body = Encoding.UTF8.GetBytes("{\"" + member + "\":\"ab__\",\"conversation\":{\"tenantId\":\"t\"}}");
        var at = Array.IndexOf(body, (byte)'_');
        body[at] = 0xC3;  // a lead byte followed by an ASCII byte: not UTF-8
        body[at + 1] = 0x28;

        var context = InboundActivityContext.Read(body);

        Assert.Equal(InboundActivityContext.Unreadable, context);
    }
}
