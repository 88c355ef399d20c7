namespace LearningBot.LearningDirectory;

/// <summary>How a course is delivered; the names are what people read on the card.</summary>
public enum CourseFormat
{
    Classroom,
    Online,
    Blended,
    ELearning,
    LearningSet,
    Shadowing,
}
