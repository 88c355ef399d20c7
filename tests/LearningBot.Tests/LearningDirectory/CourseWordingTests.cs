using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Finding;

namespace LearningBot.Tests.LearningDirectory;

public sealed class CourseWordingTests
{
    [Fact]
    public void A_session_reads_as_day_date_and_times_in_UK_time()
    {
        var winter = Session(new DateTimeOffset(2027, 1, 12, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 12, 16, 30, 0, TimeSpan.Zero));
        var summer = Session(new DateTimeOffset(2027, 6, 15, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 6, 15, 11, 15, 0, TimeSpan.Zero));

        Assert.Equal("Tuesday 12 January, 9:30am to 4:30pm", CourseWording.When(winter));
        Assert.Equal("Tuesday 15 June, 10am to 12:15pm", CourseWording.When(summer));
    }

    [Fact]
    public void Where_says_the_place_or_joining_route_and_the_places_left()
    {
        Assert.Equal("Cavell Centre. 2 places left", CourseWording.Where(Session(default, default) with { Place = "Cavell Centre", PlacesLeft = 2 }));
        Assert.Equal("Online on Teams", CourseWording.Where(Session(default, default) with { JoiningRoute = "Online on Teams" }));
        Assert.Equal("Cavell Centre. Full: ask to join the waiting list", CourseWording.Where(Session(default, default) with { Place = "Cavell Centre", PlacesLeft = 0 }));
    }

    [Fact]
    public void The_book_button_is_the_web_page_else_an_email_else_a_phone_call()
    {
        Assert.Equal(("Book", "https://x.example/b"), CourseWording.BookButton(new BookingRoute("https://x.example/b", "a@x.example", null)));
        Assert.Equal(("Book by email", "mailto:a@x.example"), CourseWording.BookButton(new BookingRoute(null, "a@x.example", "01733 555 010")));
        Assert.Equal(("Book by phone", "tel:01733555010"), CourseWording.BookButton(new BookingRoute(null, null, "01733 555 010")));
    }

    private static CourseSession Session(DateTimeOffset starts, DateTimeOffset ends) => new("offer", "s1", starts, ends, null, null, null, false);
}
