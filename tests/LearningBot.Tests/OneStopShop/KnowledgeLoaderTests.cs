using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Tests.OneStopShop;

public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("knowledge-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Loads_the_fixture_articles_with_every_field()
    {
        var article = KnowledgeLoader.LoadArticles(Path.Combine(KnowledgeFixtures.FixtureFolder, "articles"))
            .Single(a => a.Id == "learning-needs-analysis");
        Assert.Equal("How to run a learning needs analysis", article.Title);
        Assert.Equal(["lna", "tna", "training needs analysis", "planning", "business case"], article.Tags);
        Assert.Equal(["manager", "lead", "sponsor"], article.Audience);
        Assert.Equal(["all"], article.Organisations);
        Assert.Equal("L&D Support Team", article.Owner);
        Assert.Equal(new DateOnly(2027, 6, 30), article.ReviewBy);
        Assert.Equal(["systems-approach", "evaluation-kirkpatrick"], article.Related);
        Assert.StartsWith("## Why bother", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_block_lists_and_quoted_values()
    {
        var article = ArticleParser.Parse(
            "---\nid: quoted\ntitle: \"Colons: allowed\"\nsummary: Short.\ntags:\n  - one\n  - two\nowner: Team\nreview-by: 2027-01-01\n---\nBody",
            "quoted.md");
        Assert.Equal("Colons: allowed", article.Title);
        Assert.Equal(["one", "two"], article.Tags);
    }

    [Theory]
    [InlineData("id: x\n", "quoted.md:1:", "must start with a '---'")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\ntags: [t]\nowner: O\nreview-by: 30/06/2027\n---\nBody", "bad.md:7:", "review-by '30/06/2027' is not a date")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\ntags: [t\nowner: O\nreview-by: 2027-06-30\n---\nBody", "bad.md:5:", "must end with ']'")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\nowner: O\nreview-by: 2027-06-30\n---\nBody", "bad.md:1:", "missing 'tags'")]
    [InlineData("---\nid: a\ntitle T\n---\nBody", "bad.md:3:", "expected 'key: value'")]
    [InlineData("---\nid: Not_Kebab\ntitle: T\nsummary: S\ntags: [t]\nowner: O\nreview-by: 2027-06-30\n---\nBody", "bad.md:2:", "lower-case words")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\ntags: [t]\nowner: O\nreview-by: 2027-06-30\n", "bad.md:", "not closed")]
    [InlineData("---\nid: a\ncolour: blue\n---\nBody", "bad.md:3:", "unknown front-matter key 'colour'")]
    public void Names_the_file_and_line_of_bad_front_matter(string text, string location, string problem)
    {
        var name = location.StartsWith("quoted", StringComparison.Ordinal) ? "quoted.md" : "bad.md";
        var error = Assert.Throws<KnowledgeLoadException>(() => ArticleParser.Parse(text, name));
        Assert.StartsWith(location, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_duplicate_ids_naming_both_files()
    {
        Write("one.md", Front("same-id"));
        Write("two.md", Front("same-id"));
        var error = Assert.Throws<KnowledgeLoadException>(() => KnowledgeLoader.LoadArticles(_folder));
        Assert.Contains("two.md:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("one.md", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_dangling_related_id_at_load_time()
    {
        Write("one.md", Front("one", related: "[one-other, missing-one]"));
        Write("two.md", Front("one-other"));
        var error = Assert.Throws<KnowledgeLoadException>(() => KnowledgeLoader.LoadArticles(_folder));
        Assert.Contains("one.md:9:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'missing-one'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_person_with_an_unknown_organisation_kind()
    {
        var path = Path.Combine(_folder, "whos-who.json");
        File.WriteAllText(path, """{ "people": [ { "id": "p", "name": "P", "role": "R", "kind": "ld-lead", "organisation": "O", "organisationKind": "hospital", "topics": [] } ], "networks": [] }""");
        var error = Assert.Throws<KnowledgeLoadException>(() => KnowledgeLoader.LoadWhosWho(path));
        Assert.Contains("unknown organisationKind 'hospital'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_synonym_line_with_one_entry()
    {
        var error = Assert.Throws<KnowledgeLoadException>(() => SynonymTable.Parse("# comment\nlna, tna\nlonely\n", "synonyms.txt"));
        Assert.StartsWith("synonyms.txt:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_markdown_as_plain_text()
    {
        var text = MarkdownText.ToPlainText("## Heading\n- **Bold** item with [a link](https://example.org)\n\n| a | b |\n|---|---|\n| `c` | d |");
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https", text, StringComparison.Ordinal);
        Assert.Contains("Heading.", text, StringComparison.Ordinal);
        Assert.Contains("Bold item with a link", text, StringComparison.Ordinal);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static string Front(string id, string related = "[]") =>
        $"---\nid: {id}\ntitle: T\nsummary: S\ntags: [t]\naudience: [worker]\nowner: O\nreview-by: 2027-06-30\nrelated: {related}\n---\nBody\n";
}
