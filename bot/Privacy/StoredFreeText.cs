namespace LearningBot.Privacy;

/// <summary>
/// Marks the setters of stored free-text properties (a ticket's question, context and answer; a logged question;
/// a review's typed answers; an article written in Teams).
/// Table storage needs them public to read entities back, so they are marked obsolete under their own diagnostic
/// instead: with warnings as errors, code that sets one directly does not build. The entity's own methods, which take
/// <see cref="ScrubbedText"/>, are the way in.
/// </summary>
internal static class StoredFreeText
{
    public const string DiagnosticId = "LB0001";

    public const string Message = "Stored free text is set only from ScrubbedText, through the entity's method that takes one (PersonalDataScrubber.Scrub makes it).";
}
