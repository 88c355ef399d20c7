using LearningBot.FiveMinuteReview.Paper;
using LearningBot.Tests.Digest.Print;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview.Paper;

/// <summary>
/// The blank form, standard and large print, kept in tests/print/fixtures for the Chromium check
/// (tests/print/review-form.test.mjs: page count, type size in print, headings). The test fails when the page has
/// changed and the fixtures have not; run it with UPDATE_PRINT_FIXTURES=1 to write them again.
/// </summary>
public sealed class BlankFormFixtureTests
{
    [Theory]
    [InlineData("review-form-standard.html", false)]
    [InlineData("review-form-large.html", true)]
    public void The_committed_blank_form_fixture_is_the_page_as_rendered_now(string file, bool large)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "print", "fixtures", file);
        var rendered = BlankFormPage.Render(large);
        if (Environment.GetEnvironmentVariable(DigestPrintFixtureTests.UpdateVariable) == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run this test with {DigestPrintFixtureTests.UpdateVariable}=1 to write it.");
        Assert.True(File.ReadAllText(path) == rendered, $"{file} is out of date: run this test with {DigestPrintFixtureTests.UpdateVariable}=1 to write it again, and commit it.");
    }
}
