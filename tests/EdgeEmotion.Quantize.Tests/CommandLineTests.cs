using EdgeEmotion.Tests;

namespace EdgeEmotion.Quantize.Tests;

/// <summary>The quantizer's command line as an installer runs it: an <c>--out</c> folder that is
/// missing is made, one that cannot be made is one line on standard error, no stack trace.</summary>
public sealed class CommandLineTests
{
    private static (int Exit, string Output, string Error) Bench(string folder) =>
        Command.ExecApart("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeemotion-quantize.dll"), "bench", "--data", RepoPaths.Fer2013, "--runs", "2", "--out", folder],
            TimeSpan.FromMinutes(5), workingDirectory: RepoPaths.Root);

    [Fact]
    public void A_missing_out_folder_is_made()
    {
        using var scratch = new TempDirectory();
        var folder = scratch.Combine(Path.Combine("missing", "deeper"));
        var (exit, output, error) = Bench(folder);
        Assert.True(exit == 0, output + error);
        Assert.True(File.Exists(Path.Combine(folder, "benchmark-int8.json")), output + error);
    }

    [Fact]
    public void An_out_folder_that_cannot_be_made_is_one_line()
    {
        using var scratch = new TempDirectory();
        var file = scratch.Combine("a-file");
        File.WriteAllText(file, "");
        var (exit, output, error) = Bench(Path.Combine(file, "sub"));
        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --out: cannot create the folder '{Path.Combine(file, "sub")}': ", line);
        Assert.DoesNotContain("   at ", output + error);
    }
}
