using Xunit.Abstractions;
using Xunit.Sdk;

namespace LearningBot.Tests.Support;

/// <summary>Runs a class's tests by their <see cref="TestOrderAttribute"/> (unmarked ones first), then by name.</summary>
public sealed class ByTestOrder : ITestCaseOrderer
{
    public const string TypeName = "LearningBot.Tests.Support.ByTestOrder";
    public const string AssemblyName = "LearningBot.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => Order(testCase)).ThenBy(testCase => testCase.TestMethod.Method.Name, StringComparer.Ordinal);

    private static int Order(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(TestOrderAttribute).AssemblyQualifiedName)
            .Select(attribute => attribute.GetNamedArgument<int>(nameof(TestOrderAttribute.Order)))
            .DefaultIfEmpty(0)
            .First();
}
