using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// The <c>refresh</c> a card gets for views that differ per person, in the shape Teams documents (Universal Actions,
/// "User Specific Views"): an Action.Execute with a verb and data, and at most 60 Teams user ids (MRIs).
/// </summary>
public sealed class CardRefreshTests
{
    private const string Megan = "29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl";
    private const string Alex = "8:orgid:6f2a8b1c-0d3e-4f5a-9b6c-7d8e9f0a1b2c";

    [Fact]
    public void The_refresh_has_the_documented_shape()
    {
        var card = Card().WithRefresh("ticket.view", new JsonObject { ["ticketId"] = "t1" }, [Megan, Alex]);

        var expected = JsonNode.Parse($$"""
            {
              "action": { "type": "Action.Execute", "verb": "ticket.view", "data": { "ticketId": "t1" } },
              "userIds": [ "{{Megan}}", "{{Alex}}" ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, card["refresh"]), card["refresh"]!.ToJsonString());
    }

    [Fact]
    public void Only_teams_user_ids_are_named_each_once()
    {
        var card = Card().WithRefresh("v", new JsonObject(), [Megan, null, "", "user-id-0", "a:conversation", Megan, "29: spaced id"]);

        Assert.Equal([Megan], card["refresh"]!["userIds"]!.AsArray().Select(id => id!.GetValue<string>()));
    }

    [Fact]
    public void Of_more_than_60_people_the_last_60_are_kept()
    {
        var ids = Enumerable.Range(1, 75).Select(i => $"29:person-{i}").ToList();

        var named = Card().WithRefresh("v", new JsonObject(), ids)["refresh"]!["userIds"]!.AsArray().Select(id => id!.GetValue<string>()).ToList();

        Assert.Equal(CardRefresh.MaxUserIds, named.Count);
        Assert.Equal(ids[15..], named);
    }

    [Fact]
    public void With_nobody_to_name_the_card_gets_no_refresh_rather_than_an_empty_list()
    {
        var card = Card().WithRefresh("v", new JsonObject(), [null, "user-id-0"]);

        Assert.False(card.ContainsKey("refresh"));
    }

    [Fact]
    public void A_card_older_than_schema_1_4_cannot_have_a_refresh()
    {
        var old = Card();
        old["version"] = "1.3";

        Assert.Throws<ArgumentException>(() => old.WithRefresh("v", new JsonObject(), [Megan]));
    }

    [Fact]
    public void The_data_is_copied_so_the_card_does_not_share_it()
    {
        var data = new JsonObject { ["ticketId"] = "t1" };

        Card().WithRefresh("v", data, [Megan]);
        var again = Card().WithRefresh("v", data, [Megan]);

        Assert.Equal("t1", again["refresh"]!["action"]!["data"]!["ticketId"]!.GetValue<string>());
    }

    private static JsonObject Card() => new() { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray() };
}
