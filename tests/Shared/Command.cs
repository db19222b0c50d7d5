using System.Diagnostics;

namespace EdgeEmotion.Tests;

/// <summary>Runs a program to its end with a time limit and returns its exit code and output.</summary>
public static class Command
{
    public static (int Exit, string Output) Exec(string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var (exit, output, error) = ExecApart(file, args, timeout, environment, workingDirectory);
        return (exit, output + error);
    }

    /// <summary>Like <see cref="Exec"/>, with standard output and error kept apart (for a program
    /// whose contract says which of the two a line goes to).</summary>
    public static (int Exit, string Output, string Error) ExecApart(string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Like <see cref="Exec"/>, but a non-zero exit is an error that shows the output.</summary>
    public static string Run(string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var (exit, output) = Exec(file, args, timeout, environment, workingDirectory);
        return exit == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({exit}):\n{output}");
    }
}
