using LearningBot.People;

namespace LearningBot.Tests.People;

public sealed class CsvReaderTests
{
    [Fact]
    public void Splits_plain_fields_on_commas_and_lines_on_line_breaks()
    {
        var records = CsvReader.Parse("a,b,c\r\n1,2,3\n");

        Assert.Equal([["a", "b", "c"], ["1", "2", "3"]], records.Select(record => record.Fields));
        Assert.Equal([1, 2], records.Select(record => record.LineNumber));
    }

    [Fact]
    public void Keeps_commas_line_breaks_and_doubled_quotes_inside_quoted_fields()
    {
        var records = CsvReader.Parse("name,role\n\"O'Neill, Margaret\",\"Says \"\"hello\"\"\nthen leaves\"\nnext,row");

        Assert.Equal(["O'Neill, Margaret", "Says \"hello\"\nthen leaves"], records[1].Fields);
        Assert.Equal(["next", "row"], records[2].Fields);
        Assert.Equal(4, records[2].LineNumber);
    }

    [Fact]
    public void Keeps_empty_fields_including_a_trailing_one()
    {
        var records = CsvReader.Parse("a,,c,\n,,,");

        Assert.Equal(["a", "", "c", ""], records[0].Fields);
        Assert.Equal(["", "", "", ""], records[1].Fields);
    }

    [Fact]
    public void Skips_blank_lines_and_a_byte_order_mark()
    {
        var records = CsvReader.Parse("\uFEFFid\n\n1\r\n\r\n2");

        Assert.Equal([["id"], ["1"], ["2"]], records.Select(record => record.Fields));
        Assert.Equal([1, 3, 5], records.Select(record => record.LineNumber));
    }

    [Fact]
    public void Reads_a_quoted_empty_field_next_to_others()
    {
        var records = CsvReader.Parse("\"\",x");

        Assert.Equal(["", "x"], records[0].Fields);
    }

    [Theory]
    [InlineData("a,\"unclosed\nb", "Line 1: a quoted field is never closed")]
    [InlineData("ok\na\"b", "Line 2: a double quote can only appear inside a field that starts with a double quote")]
    [InlineData("\"closed\"x,y", "Line 1: after a closing double quote there must be a comma")]
    public void Rejects_malformed_quoting_naming_the_line(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => CsvReader.Parse(text));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
