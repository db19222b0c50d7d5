using System.Text.Json;
using Xunit;

namespace EdgeEmotion.Tests;

/// <summary>A program's runtimeconfig bounds generation 0's budget (build/GcBudget.props): a project
/// edit that drops the import loses it silently, and memory then follows the CPU's L3 (issue 29).</summary>
public static class GcBudgetAssert
{
    private const string Bound = "System.GC.Gen0MaxBudget";

    /// <summary>The runtimeconfig the build writes beside <paramref name="program"/>, as publish ships it.</summary>
    public static void Bounded(string program)
    {
        var file = Path.Combine(AppContext.BaseDirectory, program + ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.TryGetProperty(Bound, out var budget),
            $"{file} has no {Bound}: without it generation 0 grows with the CPU's L3 cache (import build/GcBudget.props in {program}'s project)");
        Assert.True(budget.ValueKind == JsonValueKind.Number && budget.GetInt64() > 0, $"{Bound} must be a number of bytes above 0, not {budget}");
    }
}
