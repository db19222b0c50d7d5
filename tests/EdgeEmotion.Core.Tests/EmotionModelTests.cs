using Onnx;

namespace EdgeEmotion.Core.Tests;

public class EmotionModelTests
{
    /// <summary>A linear softmax model: input → Flatten → Gemm → Softmax.</summary>
    private static string WriteLinearModel(TempDirectory dir, string inputName = "input", string outputName = "probabilities", int classes = 7)
    {
        var g = new GraphBuilder("linear");
        g.AddInput(inputName, "N", 1, 48, 48);
        var weights = new float[classes * 2304];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = ((i * 7919) % 13 - 6) / 1000f;
        }
        var flat = g.Apply("Flatten", [inputName], GraphBuilder.IntAttribute("axis", 1));
        var logits = g.Apply("Gemm", [flat, g.AddFloat("w", weights, classes, 2304), g.AddFloat("b", new float[classes], classes)], GraphBuilder.IntAttribute("transB", 1));
        g.AddNode("Softmax", [logits], [outputName], GraphBuilder.IntAttribute("axis", 1));
        g.AddOutput(outputName, "N", classes);
        var path = dir.Combine($"{inputName}-{outputName}-{classes}.onnx");
        g.Build("test").WriteToFile(path);
        return path;
    }

    [Fact]
    public void A_model_that_keeps_the_contract_predicts_probabilities()
    {
        using var dir = new TempDirectory();
        using var model = EmotionModel.Load(WriteLinearModel(dir));
        var faces = Enumerable.Range(0, 3 * 2304).Select(i => (i % 255) / 255f).ToArray();
        var p = model.Predict(faces, 3);
        Assert.Equal(21, p.Length);
        for (var row = 0; row < 3; row++)
        {
            Assert.Equal(1f, p.AsSpan(row * 7, 7).ToArray().Sum(), 4);
        }
        Assert.Equal(64, model.Sha256.Length);
    }

    [Fact]
    public void A_corrupt_model_file_is_named()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("corrupt.onnx");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
        var ex = Assert.Throws<UserInputException>(() => EmotionModel.Load(path));
        Assert.StartsWith(path, ex.Message);
    }

    [Fact]
    public void A_missing_model_file_is_named()
    {
        var ex = Assert.Throws<UserInputException>(() => EmotionModel.Load("/nonexistent/emotion.onnx"));
        Assert.Contains("/nonexistent/emotion.onnx", ex.Message);
    }

    [Theory]
    [InlineData("image", "probabilities", 7, "exactly one input named 'input'")]
    [InlineData("input", "scores", 7, "no output named 'probabilities'")]
    [InlineData("input", "probabilities", 5, "expected [N,7]")]
    public void A_model_that_breaks_the_contract_is_refused_with_the_reason(string input, string output, int classes, string reason)
    {
        using var dir = new TempDirectory();
        var path = WriteLinearModel(dir, input, output, classes);
        var ex = Assert.Throws<UserInputException>(() => EmotionModel.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(reason, ex.Message);
    }
}
