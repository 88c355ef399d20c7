namespace LearningBot.Tests.Support;

/// <summary>
/// Where a test runs among the tests of a class ordered by <see cref="ByTestOrder"/> (lowest first): for a class whose
/// shared fixture a test changes for good, such as one that kills a bot process.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TestOrderAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
