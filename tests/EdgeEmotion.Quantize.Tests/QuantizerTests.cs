using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Quantize.Evaluation;

namespace EdgeEmotion.Quantize.Tests;

public class QuantizerTests(QuantizedModelFixture fixture) : IClassFixture<QuantizedModelFixture>
{
    [Fact]
    public void The_int8_model_is_in_QDQ_form_with_per_channel_symmetric_8_bit_weights()
    {
        var model = OnnxFile.Read(fixture.Int8Path);
        var nodes = model.Graph.Node;
        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        var convs = nodes.Where(n => n.OpType == "Conv").ToList();
        Assert.Equal(7, convs.Count);
        foreach (var conv in convs)
        {
            var weightDq = nodes.Single(n => n.Output.Contains(conv.Input[1]));
            Assert.Equal("DequantizeLinear", weightDq.OpType);
            var weights = initializers[weightDq.Input[0]];
            // uint8 around 128 (see WeightQuantization: int8 weights saturate on x86 without VNNI).
            Assert.Equal((int)TensorProto.Types.DataType.Uint8, weights.DataType);
            Assert.Equal(weights.Dims[0], initializers[weightDq.Input[1]].Dims.Single()); // one scale per output channel
            Assert.True(initializers[weightDq.Input[2]].RawData.All(b => b == 128)); // symmetric
            Assert.DoesNotContain((byte)0, weights.RawData); // -127..127, never -128
            var biasDq = nodes.Single(n => n.Output.Contains(conv.Input[2]));
            Assert.Equal((int)TensorProto.Types.DataType.Int32, initializers[biasDq.Input[0]].DataType);
            Assert.Equal("DequantizeLinear", nodes.Single(n => n.Output.Contains(conv.Input[0])).OpType);
        }
        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("percentile 99.999", meta["quantization_method"]);
        Assert.Equal(fixture.Calibration.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), meta["calibration_images"]);
        using var source = EmotionModel.Load(fixture.FloatPath);
        Assert.Equal(source.Sha256, meta["source_sha256"]);
    }

    [Fact]
    public void OnnxRuntime_runs_the_convolutions_as_integer_kernels()
    {
        var counts = OptimizedGraph.OperatorCounts(fixture.Int8Path);
        Assert.True(OptimizedGraph.RunsIntegerKernels(counts), string.Join(", ", counts));
        Assert.Equal(7, counts.GetValueOrDefault("QLinearConv"));
        Assert.False(OptimizedGraph.RunsIntegerKernels(OptimizedGraph.OperatorCounts(fixture.FloatPath)));
    }

    [Fact]
    public void Int8_agrees_with_float_on_real_PublicTest_faces()
    {
        using var f = EmotionModel.Load(fixture.FloatPath);
        using var q = EmotionModel.Load(fixture.Int8Path);
        var c = Comparison.Run(f, q, fixture.PublicTest);
        Assert.True(c.ArgmaxAgreement >= 0.97, $"agreement {c.ArgmaxAgreement:P2}");
        Assert.True(Math.Abs(c.AccuracyDropPoints) <= 1.5, $"accuracy drop {c.AccuracyDropPoints:F2} points");
        Assert.True(c.MaxProbabilityDifference > 0, "int8 should differ from float somewhere");
        Assert.True(new FileInfo(fixture.Int8Path).Length <= 0.3 * new FileInfo(fixture.FloatPath).Length);
    }

    [Fact]
    public void Min_max_calibration_also_gives_a_working_model()
    {
        var path = fixture.Scratch("minmax.onnx");
        ModelQuantizer.Run(fixture.FloatPath, fixture.Calibration.SamplePerClass(10, 3), CalibrationMethod.MinMax, 0, path);
        using var f = EmotionModel.Load(fixture.FloatPath);
        using var q = EmotionModel.Load(path);
        Assert.True(Comparison.Run(f, q, fixture.PublicTest).ArgmaxAgreement >= 0.9);
        Assert.Contains(OnnxFile.Read(path).MetadataProps, p => p.Key == "quantization_method" && p.Value == "minmax");
    }

    [Fact]
    public void An_empty_calibration_set_is_refused()
    {
        var empty = fixture.Calibration.Select([]);
        var ex = Assert.Throws<UserInputException>(() => ModelQuantizer.Run(fixture.FloatPath, empty, CalibrationMethod.MinMax, 0, fixture.Scratch("x.onnx")));
        Assert.Contains("calibration set is empty", ex.Message);
    }
}
