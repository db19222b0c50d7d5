using System.Runtime.InteropServices;
using EdgeEmotion.Quantize.Commands;
using EdgeEmotion.Quantize.Evaluation;
using EdgeEmotion.Quantize.People;

namespace EdgeEmotion.Quantize.Tests;

/// <summary>Runs <c>edgeemotion-quantize quantize-people</c> at its defaults once, as the model card
/// documents it, into a scratch folder.</summary>
public sealed class QuantizePeopleRun : IDisposable
{
    private readonly TempDirectory _dir = new();

    public QuantizePeopleRun()
    {
        Path = _dir.Combine("nanodet-m-416-int8.onnx");
        (Exit, Output) = Command.Exec("dotnet",
            [System.IO.Path.Combine(AppContext.BaseDirectory, "edgeemotion-quantize.dll"), "quantize-people", "--clips", Clips, "--out", Path],
            TimeSpan.FromMinutes(10), workingDirectory: RepoPaths.Root);
    }

    public static string Clips => System.IO.Path.Combine(RepoPaths.Shared, "data", "clips");

    public string Path { get; }
    public int Exit { get; }
    public string Output { get; }

    public void Dispose() => _dir.Dispose();
}

/// <summary>The shipped int8 person detector (models/nanodet-m-416-int8.onnx) is the command's
/// output, and OnnxRuntime runs it on integer kernels.</summary>
public class PersonDetectorQuantizationTests(QuantizePeopleRun run) : IClassFixture<QuantizePeopleRun>
{
    private static string Shipped => Path.Combine(RepoPaths.Models, "nanodet-m-416-int8.onnx");

    [Fact]
    public void The_shipped_int8_detector_is_what_quantize_people_makes()
    {
        Assert.True(run.Exit == 0, run.Output);
        var made = OnnxFile.Read(run.Path);
        var shipped = OnnxFile.Read(Shipped);
        // The graph and every weight exactly; what calibration measured (activation scales and zero
        // points, and the int32 biases scaled by them) within float rounding, which another CPU's
        // float kernels may change in the last bits.
        Assert.Equal(shipped.Graph.Node, made.Graph.Node);
        Assert.Equal(shipped.MetadataProps, made.MetadataProps);
        Assert.Equal(shipped.Graph.Initializer.Select(t => t.Name), made.Graph.Initializer.Select(t => t.Name));
        foreach (var (a, b) in shipped.Graph.Initializer.Zip(made.Graph.Initializer))
        {
            AssertAlike(a, b);
        }
    }

    [Fact]
    public void OnnxRuntime_runs_every_convolution_but_the_three_box_heads_as_an_integer_kernel()
    {
        var counts = OptimizedGraph.OperatorCounts(Shipped);
        // 73 convolutions; the last of each stride writes the box logits the caller reads, and stays float.
        Assert.Equal(70, counts.GetValueOrDefault("QLinearConv"));
        Assert.Equal(3, counts.GetValueOrDefault("Conv"));
        Assert.Equal(48, counts.GetValueOrDefault("QLinearLeakyRelu"));
    }

    [Fact]
    public void The_calibration_set_is_every_fourth_frame_of_each_clip()
    {
        var frames = ClipCalibrationFrames.Select(QuantizePeopleRun.Clips, QuantizePeopleCommand.DefaultEvery);
        var expected = Directory.GetDirectories(QuantizePeopleRun.Clips).Sum(d => (Directory.GetFiles(d, "*.jpg").Length + 3) / 4);
        Assert.Equal(expected, frames.Count);
        Assert.Contains(frames, f => f.EndsWith(Path.Combine("store-aisle-detection", "frame-000.jpg"), StringComparison.Ordinal));
        Assert.Contains(frames, f => f.EndsWith(Path.Combine("store-aisle-detection", "frame-004.jpg"), StringComparison.Ordinal));
        Assert.DoesNotContain(frames, f => f.EndsWith(Path.Combine("store-aisle-detection", "frame-001.jpg"), StringComparison.Ordinal));
        var meta = OnnxFile.Read(Shipped).MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(frames.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), meta["calibration_images"]);
    }

    private static void AssertAlike(TensorProto expected, TensorProto actual)
    {
        if (expected.Equals(actual))
        {
            return;
        }
        Assert.Equal(expected.DataType, actual.DataType);
        Assert.Equal(expected.Dims, actual.Dims);
        switch ((TensorProto.Types.DataType)expected.DataType)
        {
            case TensorProto.Types.DataType.Float:
                Assert.All(Floats(expected).Zip(Floats(actual)), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-3 * Math.Abs(p.First), $"{expected.Name}: {p.First} and {p.Second}"));
                break;
            case TensorProto.Types.DataType.Uint8 when expected.Name.EndsWith("_zero_point", StringComparison.Ordinal):
                Assert.All(expected.RawData.Zip(actual.RawData), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1));
                break;
            case TensorProto.Types.DataType.Int32:
                var a = MemoryMarshal.Cast<byte, int>(expected.RawData.Span).ToArray();
                var b = MemoryMarshal.Cast<byte, int>(actual.RawData.Span).ToArray();
                Assert.All(a.Zip(b), p => Assert.True(Math.Abs((long)p.First - p.Second) <= Math.Max(1, Math.Abs(p.First) / 1000), $"{expected.Name}: {p.First} and {p.Second}"));
                break;
            default:
                Assert.Fail($"{expected.Name} differs, and it is not something calibration measures.");
                break;
        }
    }

    private static float[] Floats(TensorProto t) => MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
}
