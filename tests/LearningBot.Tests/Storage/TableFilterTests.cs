using LearningBot.Storage;

namespace LearningBot.Tests.Storage;

public sealed class TableFilterTests
{
    [Fact]
    public void Strings_are_quoted_with_embedded_quotes_doubled()
    {
        var hostile = "x' or RowKey ne '";

        var filter = TableFilter.Create($"PartitionKey eq {hostile}");

        Assert.Equal("PartitionKey eq 'x'' or RowKey ne '''", filter);
    }

    [Fact]
    public void Values_become_typed_odata_literals()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var when = new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(1));

        var filter = TableFilter.Create($"A eq {42} and B eq {42L} and C eq {2.0} and D eq {1.5} and E eq {true} and F eq {id} and G ge {when} and H eq {new byte[] { 0xAB, 0x01 }} and I eq {DayOfWeek.Monday}");

        Assert.Equal(
            "A eq 42 and B eq 42L and C eq 2.0 and D eq 1.5 and E eq true and F eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' " +
            "and G ge datetime'2026-11-22T09:30:00.0000000Z' and H eq X'ab01' and I eq 'Monday'",
            filter);
    }

    [Fact]
    public void Null_and_unsupported_values_are_refused()
    {
        string? missing = null;

        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {missing}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {new object()}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {double.NaN}"));
    }
}
