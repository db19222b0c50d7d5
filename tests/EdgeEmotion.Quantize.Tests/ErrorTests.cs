namespace EdgeEmotion.Quantize.Tests;

public class ErrorTests
{
    private static string Write(TempDirectory dir, string op, string inputName = "input")
    {
        var g = new GraphBuilder("t");
        g.AddInput(inputName, "N", 1, 48, 48);
        var flat = g.Apply("Flatten", [inputName], GraphBuilder.IntAttribute("axis", 1));
        var act = g.Apply(op, [flat]);
        var logits = g.Apply("Gemm", [act, g.AddFloat("w", new float[7 * 2304], 7, 2304), g.AddFloat("b", new float[7], 7)], GraphBuilder.IntAttribute("transB", 1));
        g.AddNode("Softmax", [logits], ["probabilities"], GraphBuilder.IntAttribute("axis", 1));
        g.AddOutput("probabilities", "N", 7);
        var path = dir.Combine($"{op}-{inputName}.onnx");
        g.Build("test").WriteToFile(path);
        return path;
    }

    private static Core.Datasets.FaceDataset Faces() =>
        Core.Datasets.ImageFolderReader.Read(RepoPaths.Fer2013, Core.Datasets.FerSplit.PublicTest).SamplePerClass(2, 1);

    [Fact]
    public void An_unsupported_operator_is_named()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<UserInputException>(() => ModelQuantizer.Run(Write(dir, "Tanh"), Faces(), CalibrationMethod.MinMax, 0, dir.Combine("o.onnx")));
        Assert.Contains("'Tanh'", ex.Message);
    }

    [Fact]
    public void A_model_that_breaks_the_contract_is_refused_with_its_file()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, "Relu", inputName: "pixels");
        var ex = Assert.Throws<UserInputException>(() => ModelQuantizer.Run(path, Faces(), CalibrationMethod.MinMax, 0, dir.Combine("o.onnx")));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Percentile_clips_rare_outliers_that_min_max_keeps()
    {
        var range = new TensorRange();
        var values = Enumerable.Range(0, 100_000).Select(i => (i % 100) / 100f).Append(50f).ToArray();
        range.Observe(values);
        range.Count(values);
        Assert.Equal(50f, range.Range(CalibrationMethod.MinMax, 0).Hi);
        Assert.InRange(range.Range(CalibrationMethod.Percentile, 99.99).Hi, 0.95f, 1.1f);
        Assert.Equal(0f, range.Range(CalibrationMethod.Percentile, 99.99).Lo);
    }
}
