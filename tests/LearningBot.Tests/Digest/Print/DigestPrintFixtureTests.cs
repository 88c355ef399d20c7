using LearningBot.Digest.Print;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Digest.Print;

/// <summary>
/// The rendered sample edition, standard and large print, kept in tests/print/fixtures for the Chromium check
/// (tests/print/digest-print.test.mjs: page count, type size in print, headings). The test fails when the page has
/// changed and the fixtures have not; run it with UPDATE_PRINT_FIXTURES=1 to write them again.
/// </summary>
public sealed class DigestPrintFixtureTests
{
    public const string UpdateVariable = "UPDATE_PRINT_FIXTURES";

    [Theory]
    [InlineData("digest-standard.html", false)]
    [InlineData("digest-large.html", true)]
    public void The_committed_print_fixture_is_the_page_as_rendered_now(string file, bool large)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "print", "fixtures", file);
        var rendered = DigestPrintPage.Render(PrintSample.Edition(), large, new DigestPrintOptions(), "2 working days",
            PrintHarness.BaseUrl + DigestPrintLinks.PathOf(7, large));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run this test with {UpdateVariable}=1 to write it.");
        Assert.True(File.ReadAllText(path) == rendered, $"{file} is out of date: run this test with {UpdateVariable}=1 to write it again, and commit it.");
    }
}
