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

    [Fact]
    public void Forms_writes_the_shipped_u8s8_file_beside_the_model_it_is_given()
    {
        using var scratch = new TempDirectory();
        var model = scratch.Combine("emotion-int8.onnx");
        File.Copy(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), model);
        var (exit, output, error) = Command.ExecApart("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeemotion-quantize.dll"), "forms", "--model", model],
            TimeSpan.FromMinutes(2), workingDirectory: RepoPaths.Root);
        Assert.True(exit == 0, output + error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Models, "emotion-int8-u8s8.onnx")), File.ReadAllBytes(scratch.Combine("emotion-int8-u8s8.onnx")));
        Assert.Contains("emotion-int8-u8s8.onnx: u8s8, sha256 ", output);
    }

    [Fact]
    public void Forms_of_a_float_model_is_one_line()
    {
        var (exit, output, error) = Command.ExecApart("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeemotion-quantize.dll"), "forms", "--model", Path.Combine(RepoPaths.Models, "emotion-fp32.onnx")],
            TimeSpan.FromMinutes(2), workingDirectory: RepoPaths.Root);
        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("emotion-fp32.onnx has no symmetric 8-bit weights (uint8 around 128 or int8 around 0): it has no other int8 form.", line);
        Assert.DoesNotContain("   at ", output + error);
    }
}
