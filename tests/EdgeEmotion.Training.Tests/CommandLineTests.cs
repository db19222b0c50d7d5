using System.Diagnostics;

namespace EdgeEmotion.Training.Tests;

public class CommandLineTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgeemotion-train.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    [Fact]
    public void A_missing_dataset_is_a_one_line_error_naming_it()
    {
        var (exit, _, error) = Run("train", "--data", "/no/such/fer2013", "--out", Path.Combine(Path.GetTempPath(), "edgeemotion-none"));
        Assert.Equal(2, exit);
        Assert.Contains("/no/such/fer2013: dataset not found", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Info_prints_parameters_and_multiply_adds()
    {
        var (exit, output, _) = Run("info");
        Assert.Equal(0, exit);
        Assert.Contains("Parameters:", output);
        Assert.Contains("Multiply-adds:", output);
    }
}
