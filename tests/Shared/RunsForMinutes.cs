using Xunit.Sdk;
using Xunit.v3;

namespace EdgeEmotion.Tests;

/// <summary>A test class that takes minutes (an emulated run, a package build it waits for):
/// <see cref="MinutesLongClassesFirst"/> starts it before the others, so that it is not the last
/// thing a test run waits for while the other classes are long done.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsForMinutesAttribute : Attribute;

/// <summary>Test collections (one per class, xunit's default) in xunit's own shuffled order, except
/// that classes marked <see cref="RunsForMinutesAttribute"/> come first. Register it per assembly:
/// <c>[assembly: TestCollectionOrderer(typeof(MinutesLongClassesFirst))]</c>. Classes start in
/// this order as threads free up (maxParallelThreads); left to the shuffle, a minutes-long class
/// started last made the run minutes longer (the daemon's arm64 proof, 4.5 minutes after the rest).</summary>
public sealed class MinutesLongClassesFirst : ITestCollectionOrderer
{
    // xunit names a class's own collection after the class ("Test collection for Namespace.Class").
    private const string PerClassPrefix = "Test collection for ";

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection =>
        // OrderBy is stable: the shuffled order stays within each group.
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(c => RunsForMinutes(c) ? 0 : 1)];

    private static bool RunsForMinutes(ITestCollection collection) =>
        collection is IXunitTestCollection { TestCollectionDisplayName: var name } xunit
        && name.StartsWith(PerClassPrefix, StringComparison.Ordinal)
        && xunit.TestAssembly.Assembly.GetType(name[PerClassPrefix.Length..].Split(' ')[0]) is { } type
        && type.IsDefined(typeof(RunsForMinutesAttribute), inherit: false);
}
