namespace EdgeEmotion.Training.Tests;

public class CommandLineTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args) =>
        Command.ExecApart("dotnet", [Path.Combine(AppContext.BaseDirectory, "edgeemotion-train.dll"), .. args], TimeSpan.FromMinutes(2));

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
