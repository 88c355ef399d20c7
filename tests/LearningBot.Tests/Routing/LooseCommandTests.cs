using LearningBot.Connector.Hosting;

namespace LearningBot.Tests.Routing;

/// <summary>
/// The rules of reading a message loosely as a command (<see cref="CommandPhrasing"/>, <see cref="LooseCommands"/>),
/// on a routing table of their own: what padding is taken off, when a slip is forgiven, and what always stays a question.
/// </summary>
public sealed class LooseCommandTests
{
    private static readonly BotRoutes Routes = new BotRoutes()
        .OnCommand(Nothing, "review", "five minute review")
        .OnCommand(Nothing, "ask for a review", "I’d like a review")
        .OnCommand(Nothing, "ask")
        .OnCommand(Nothing, "share good practice")
        .OnCommand(Nothing, "leads")
        .OnCommand(Nothing, "latest digest")
        .OnCommand(Nothing, "past digests")
        .OnCommand(Nothing, "loads")
        .OnCommand(Nothing, "a round up")
        .OnCommand(Nothing, "the round up")
        .OnCommandWithArgument((_, _) => Task.CompletedTask, "gaps report")
        .OnCommandWithArgument((_, _) => Task.CompletedTask, "digest");

    [Theory]
    [InlineData("Five Minute Review please 👍", "review")]
    [InlineData("I’d like to start a five-minute review", "review")]
    [InlineData("can you please show me the latest digest", "latest digest")]
    [InlineData("hi, could I see the LATEST DIGEST?!", "latest digest")]
    [InlineData("where's the latest digest", "latest digest")]
    [InlineData("id like a review", "ask for a review")]
    [InlineData("I’d like a review thanks", "ask for a review")]
    [InlineData("I'd like to share some good practice", "share good practice")]
    public void Polite_words_a_verb_and_determiners_are_taken_off(string text, string command) =>
        Assert.Equal(command, Find(text).Name);

    [Theory]
    [InlineData("start a review with one of my volunteers", "review")]
    [InlineData("I want to do a five minute review with Sam", "review")]
    [InlineData("share good practice with other care homes", "share good practice")]
    [InlineData("I'd like to ask for a review from my manager", "ask for a review")]
    public void A_closing_clause_comes_off_after_a_verb_or_when_two_words_name_the_command(string text, string command) =>
        Assert.Equal(command, Find(text).Name);

    [Theory]
    [InlineData("ask for help with my course")]
    [InlineData("I need to ask about funding for a course")]
    public void A_closing_clause_never_leaves_a_one_word_command_without_a_verb_before_it(string text) =>
        Assert.False(Routes.TryFindCommand(text, out _, out _));

    [Theory]
    [InlineData("what is a five minute review")]
    [InlineData("can you tell me what the latest digest is")]
    [InlineData("start a review, how?")]
    [InlineData("who should I ask for a review")]
    [InlineData("when is the latest digest")]
    [InlineData("why share good practice")]
    [InlineData("which review")]
    public void A_message_with_a_question_word_is_never_read_loosely(string text) =>
        Assert.False(Routes.TryFindCommand(text, out _, out _));

    [Theory]
    [InlineData("reveiw", "review")]
    [InlineData("latest digset", "latest digest")]
    [InlineData("shar good practice", "share good practice")]
    [InlineData("share good practise please", "share good practice")]
    [InlineData("past digsets", "past digests")]
    public void One_slip_in_a_word_of_four_letters_or_more_is_forgiven(string text, string command) =>
        Assert.Equal(command, Find(text).Name);

    [Theory]
    [InlineData("lxads")]
    [InlineData("lead")]
    [InlineData("revue")]
    [InlineData("preview")]
    [InlineData("akk")]
    public void A_slip_is_not_forgiven_when_two_commands_are_that_close_or_it_is_only_a_plural_or_the_word_is_short(string text) =>
        Assert.False(Routes.TryFindCommand(text, out _, out _));

    [Fact]
    public void A_word_a_capability_knows_is_never_taken_for_a_slip()
    {
        var routes = new BotRoutes().OnCommand(Nothing, "learning needs analyses", "latest digest");
        routes.KnownWords = [new KnownWords("analysis")];

        Assert.False(routes.TryFindCommand("learning needs analysis", out _, out _));
        Assert.True(routes.TryFindCommand("latest digset", out _, out _));
    }

    [Fact]
    public void Two_commands_that_read_the_same_loosely_must_be_typed_exactly()
    {
        Assert.False(Routes.TryFindCommand("round up please", out _, out _));
        Assert.Equal("the round up", Find("the round up").Name);
    }

    [Theory]
    [InlineData("gaps report Last Month", "gaps report", "Last Month")]
    [InlineData("gaps report please", "gaps report", "")]
    [InlineData("show me the gaps report for 2026-03", "gaps report", "for 2026-03")]
    [InlineData("digest please", "digest", "")]
    [InlineData("digest 7", "digest", "7")]
    [InlineData("past digets", "past digests", "")]
    [InlineData("please show digest first-aid-2026", "digest", "first-aid-2026")]
    [InlineData("can you show me the gaps report for Last Month thanks", "gaps report", "for Last Month")]
    [InlineData("could I see digest O'Brien's Award?", "digest", "O'Brien's Award")]
    public void A_command_keeps_its_argument_as_typed_and_a_polite_word_is_no_argument(string text, string command, string argument)
    {
        Assert.True(Routes.TryFindCommand(text, out var found, out var got));

        Assert.Equal(command, found.Route.Name);
        Assert.Equal(argument, got);
    }

    [Theory]
    [InlineData("reveiw", "review", true)]
    [InlineData("reviwe", "review", true)]
    [InlineData("reiew", "review", true)]
    [InlineData("rreview", "review", true)]
    [InlineData("rxview", "review", true)]
    [InlineData("rveiwe", "review", false)]
    [InlineData("reviews", "review", false)]
    [InlineData("lead", "leads", false)]
    [InlineData("ak", "ask", false)]
    [InlineData("preview", "review", false)]
    public void A_slip_is_one_letter_left_out_added_changed_or_two_neighbours_swapped(string typed, string word, bool slip) =>
        Assert.Equal(slip, LooseCommands.IsSlip(typed, word));

    private static BotRoute Find(string text)
    {
        Assert.True(Routes.TryFindCommand(text, out var found, out _), $"\"{text}\" was not read as a command");
        return found.Route;
    }

    private static Task Nothing(ITurnContext turn) => Task.CompletedTask;

    private sealed class KnownWords(params string[] words) : IKnownWords
    {
        public bool Knows(string word) => words.Contains(word, StringComparer.Ordinal);
    }
}
