using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;
using LearningBot.Tests.OneStopShop.Meaning;
using Xunit.Abstractions;

namespace LearningBot.Tests.OneStopShop.Signposts;

/// <summary>
/// Recognising questions that are not about learning, on signpost-questions.json (signpost-worthy questions and learning
/// questions that look like them), by words alone and with the shipped model, over the real knowledge base.
/// </summary>
public sealed class SignpostRecognitionTests(ITestOutputHelper output)
{
    private static readonly string QuestionsFile = Path.Combine(KnowledgeFixtures.RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "Answers", "signpost-questions.json");

    private static readonly Lazy<(AnswerEngine Engine, SignpostMatcher Matcher)> ByWords = new(() =>
        (AnswerEngine.Load(KnowledgeFixtures.RealKnowledgeFolder), SignpostMatcher.Load(KnowledgeFixtures.RealKnowledgeFolder)));

    private static readonly Lazy<(AnswerEngine Engine, SignpostMatcher Matcher)> ByMeaning = new(() =>
    {
        var embedder = RealModel.Embedder;
        var engine = AnswerEngine.Load(KnowledgeFixtures.RealKnowledgeFolder);
        engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
        var matcher = SignpostMatcher.Load(KnowledgeFixtures.RealKnowledgeFolder);
        matcher.EmbedAll(embedder);
        return (engine, matcher);
    });

    public static TheoryData<bool> Modes => [false, true];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Recognises_most_questions_that_are_not_about_learning_and_picks_the_right_signpost(bool meaning)
    {
        var outcomes = Run(meaning).Where(o => o.Question.Signpost is not null).ToList();

        var right = Share(outcomes, o => o.Right);
        Assert.True(outcomes.Count >= 40);
        // The first 47 questions shaped the triggers; the rest were written afterwards and scored before any change
        // (words alone 30%, with meaning 57%): a fair expectation of new wording lies between the two. The last 12 signpost-
        // worthy questions are long and rambling; written later still, words alone first found 5 of them and meaning 11.
        // The 22 after them came from an audit in staff words (slang, NHS systems, word endings), where words and meaning
        // first found 15 of its 25; their misses then gave triggers ("digs at me", "pay award", "healthroster", "groomed").
        Assert.True(right >= (meaning ? 0.85 : 0.75), $"{right:P1} of signpost-worthy questions got the right signpost");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Learning_questions_that_look_like_signposts_keep_their_answers(bool meaning)
    {
        var outcomes = Run(meaning).Where(o => o.Question.Signpost is null).ToList();

        var signposted = outcomes.Where(o => o.Match is not null).ToList();
        Assert.True(outcomes.Count >= 40);
        Assert.True(signposted.Count <= 2, $"{signposted.Count} learning questions were signposted: {string.Join("; ", signposted.Select(o => o.Question.Question))}");
    }

    [Theory]
    [InlineData("safeguarding training")]
    [InlineData("where do I book safeguarding level 3")]
    [InlineData("is there a bullying awareness course")]
    [InlineData("e-rostering training for new ward managers")]
    [InlineData("how do I do a rota as a new manager")]
    public void A_learning_word_keeps_a_question_from_a_signpost(string question)
    {
        var (engine, matcher) = ByWords.Value;

        Assert.Null(matcher.Recognise(question, engine.Answer(question), engine));
    }

    [Theory]
    [InlineData("what's the wifi password at the training centre", "it-access")]
    [InlineData("my laptop won't connect in the training room on the second floor", "it-access")]
    [InlineData("who do I ask about the printer at the education centre", "it-access")]
    public void A_place_named_after_learning_does_not_keep_a_question_from_a_signpost(string question, string signpost)
    {
        var (engine, matcher) = ByWords.Value;

        Assert.Equal(signpost, matcher.Recognise(question, engine.Answer(question), engine)?.Signpost.Id);
    }

    [Theory]
    [InlineData("who can I talk to in confidence about my manager shouting at me in handovers", "bullying-harassment")]
    [InlineData("I work at the university hospital and my payslip is wrong this month", "pay")]
    [InlineData("should I go to human resources or the Royal College about being bullied at work", "bullying-harassment")]
    [InlineData("of course I forgot my password again, who resets it", "it-access")]
    [InlineData("the printer on level 3 keeps jamming, who fixes it", "it-access")]
    [InlineData("my supervisor said she would teach me a lesson in front of everyone", "bullying-harassment")]
    public void A_learning_word_in_another_sense_does_not_keep_a_question_from_a_signpost(string question, string signpost)
    {
        var (engine, matcher) = ByWords.Value;

        Assert.Equal(signpost, matcher.Recognise(question, engine.Answer(question), engine)?.Signpost.Id);
    }

    [Theory]
    [InlineData("I lack confidence in giving feedback to my team, is there a course")]
    [InlineData("is there a course on how to speak in confidence with a patient's family")]
    public void Learning_in_the_question_still_keeps_it_from_a_signpost_beside_another_sense(string question)
    {
        var (engine, matcher) = ByWords.Value;

        Assert.Null(matcher.Recognise(question, engine.Answer(question), engine));
    }

    [Fact]
    public void A_long_question_must_come_closer_to_a_signpost_to_be_signposted_by_meaning_alone()
    {
        var options = new SignpostOptions();

        Assert.Equal(options.MeaningFloor, options.MeaningFloorFor(8));
        Assert.Equal(options.MeaningFloor, options.MeaningFloorFor(options.MeaningFloorRiseFrom));
        Assert.Equal(options.MeaningFloor + (25 * options.MeaningFloorRisePerWord), options.MeaningFloorFor(options.MeaningFloorRiseFrom + 25), 9);
    }

    [Theory]
    [InlineData("my locker key has gone missing and all my uniform is inside it, I am on an early tomorrow morning and I really need to get in there before then, who has the spare keys for the changing rooms", null)]
    [InlineData("I was wondering if anybody knows what time the staff canteen closes on a Friday because we have a long team meeting that runs late and I would like to grab a sandwich afterwards before my bus home", null)]
    [InlineData("I want to take two weeks off in August for a family wedding abroad but the system says the ward is already full for those dates, is there anyone I can appeal to about it", "rotas-leave")]
    [InlineData("my manager has been making comments about my weight in front of the whole team at handover for months now and I dread coming in, I don't know who I can talk to in confidence about it", "bullying-harassment")]
    public void A_long_rambling_question_is_signposted_only_where_it_belongs(string question, string? signpost)
    {
        var (engine, matcher) = ByMeaning.Value;

        Assert.Equal(signpost, matcher.Recognise(question, engine.Answer(question), engine)?.Signpost.Id);
    }

    [Theory]
    [InlineData("what training is on at the training centre next month")]
    [InlineData("book a course at the education centre")]
    public void A_learning_word_beside_a_place_named_after_learning_still_keeps_a_question_from_a_signpost(string question)
    {
        var (engine, matcher) = ByWords.Value;

        Assert.Null(matcher.Recognise(question, engine.Answer(question), engine));
    }

    [Theory]
    [InlineData("my manager keeps shouting at me", "bullying-harassment")]
    [InlineData("I haven't been paid my overtime", "pay")]
    [InlineData("can't log in to my nhs mail", "it-access")]
    [InlineData("forgot my password", "it-access")]
    [InlineData("how do I book annual leave", "rotas-leave")]
    [InlineData("who do I tell, a resident has a bruise and I think someone hurt her", "safeguarding")]
    [InlineData("I want to report an incident", "incident")]
    public void A_trigger_phrase_signposts_without_the_model(string question, string signpost)
    {
        var (engine, matcher) = ByWords.Value;

        Assert.Equal(signpost, matcher.Recognise(question, engine.Answer(question), engine)?.Signpost.Id);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void On_the_training_questions_no_answerable_question_is_signposted_and_every_out_of_scope_one_is_handled(bool meaning)
    {
        var (engine, matcher) = meaning ? ByMeaning.Value : ByWords.Value;
        var report = AnswerEvaluation.Run(engine, AnswerEvaluation.LoadQuestions(KnowledgeFixtures.RealQuestionsFile));

        var (handled, wrong) = SignpostEvaluation.Judge(report, matcher, engine);

        output.WriteLine($"out of scope not sure or signposted {handled:P1}; answerable wrongly signposted {wrong.Count}");
        Assert.Empty(wrong.Select(o => o.Question.Question));
        Assert.Equal(1.0, handled);
    }

    private List<SignpostOutcome> Run(bool meaning)
    {
        var (engine, matcher) = meaning ? ByMeaning.Value : ByWords.Value;
        var outcomes = SignpostEvaluation.Run(engine, matcher, SignpostEvaluation.LoadQuestions(QuestionsFile)).ToList();
        var worthy = outcomes.Where(o => o.Question.Signpost is not null).ToList();
        var learning = outcomes.Where(o => o.Question.Signpost is null).ToList();
        output.WriteLine($"{(meaning ? "words and meaning" : "words alone")}: right signpost {Share(worthy, o => o.Right):P1} of {worthy.Count}; learning questions signposted {learning.Count(o => o.Match is not null)} of {learning.Count}");
        foreach (var o in outcomes.Where(_ => meaning))
        {
            var near = matcher.NearestExample(o.Answer, engine);
            output.WriteLine($"  {(o.Question.Signpost is null ? "L" : "S")} {near?.Similarity:F3} vs article {near?.ArticleSimilarity:F3} {near?.SignpostId} '{o.Question.Question}'");
        }

        foreach (var miss in outcomes.Where(o => !o.Right))
        {
            output.WriteLine($"  MISS '{miss.Question.Question}' expected {miss.Question.Signpost ?? "no signpost"}, got {miss.Match?.Signpost.Id ?? miss.Answer.Kind.ToString()} (trigger {miss.Match?.Trigger ?? "-"}, similarity {miss.Match?.Similarity:F3})");
        }

        return outcomes;
    }

    private static double Share(List<SignpostOutcome> outcomes, Func<SignpostOutcome, bool> predicate) =>
        outcomes.Count == 0 ? 0 : (double)outcomes.Count(predicate) / outcomes.Count;
}
