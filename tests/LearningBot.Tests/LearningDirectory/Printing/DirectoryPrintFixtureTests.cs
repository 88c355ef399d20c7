using LearningBot.LearningDirectory.Printing;
using LearningBot.Tests.Digest.Print;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.LearningDirectory.Printing;

/// <summary>
/// The printable directory rendered from the test offers (January 2027, for the city council), standard and large
/// print, kept in tests/print/fixtures for the Chromium check (tests/print/directory-print.test.mjs). The test fails
/// when the page has changed and the fixtures have not; run it with UPDATE_PRINT_FIXTURES=1 to write them again.
/// </summary>
public sealed class DirectoryPrintFixtureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-31T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("directory-standard.html", false)]
    [InlineData("directory-large.html", true)]
    public void The_committed_print_fixture_is_the_page_as_rendered_now(string file, bool large)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "print", "fixtures", file);
        var listings = TestCatalogue.Load(CourseFinderTests.Folder, Now).Listings;
        var rendered = DirectoryPrintPage.Render(listings, new DirectoryPrintRequest(new DateOnly(2027, 1, 1), "council"), large, Now, "01632 960141");
        if (Environment.GetEnvironmentVariable(DigestPrintFixtureTests.UpdateVariable) == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run this test with {DigestPrintFixtureTests.UpdateVariable}=1 to write it.");
        Assert.True(File.ReadAllText(path) == rendered, $"{file} is out of date: run this test with {DigestPrintFixtureTests.UpdateVariable}=1 to write it again, and commit it.");
    }
}
