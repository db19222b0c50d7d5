namespace EdgeEmotion.Tests;

/// <summary>
/// How every program of ours refuses what the user gave it (src/Hosting's ProgramHost): exit code
/// 2 and, on standard error, one line per problem, each <c>program: …</c>, never a stack trace.
/// The settings tests of each program (the daemon's in its process through ConfigCheck, the
/// collector's as a process) check a refusal through this one rule.
/// </summary>
public static class RefusedSettings
{
    public const int ExitCode = 2;

    /// <summary>The problem lines without the program's prefix; the test fails unless the exit code
    /// is 2 and every line on <paramref name="errors"/> is a problem line.</summary>
    public static string[] Lines(string program, int exit, string errors)
    {
        Assert.True(exit == ExitCode, $"exit {exit}: {errors}");
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.StartsWith(program + ": ", l, StringComparison.Ordinal));
        Assert.NotEmpty(lines);
        return [.. lines.Select(l => l[(program.Length + 2)..])];
    }
}
