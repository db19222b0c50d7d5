using EdgeEmotion.Core.Datasets;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.OnnxGraph;
using EdgeEmotion.Training.Commands;
using Onnx;
using static TorchSharp.torch;

namespace EdgeEmotion.Training.Tests;

public class OnnxExportTests
{
    [Fact]
    public void OnnxRuntime_gives_TorchSharps_probabilities_on_real_faces()
    {
        using var fer = new TinyFer(trainPerClass: 16, testPerClass: 10);
        var run = fer.NewRunFolder();
        // Two epochs move BatchNorm statistics and weights away from their initial values.
        new Trainer(run, _ => { }).Run(new TrainOptions { Data = fer.Root, Epochs = 2, BatchSize = 16, WarmupEpochs = 1 }, resume: false);
        var onnxPath = Path.Combine(run, "model.onnx");
        ExportCommand.Export(run, "best", onnxPath);

        var faces = new FaceTensors(DatasetLoader.Load(fer.Root, FerSplit.PublicTest));
        var state = TrainingState.Load(run)!;
        using var net = new EmotionNet(state.Options.Shape);
        net.load(Path.Combine(run, Trainer.BestWeights));
        net.eval();
        float[] expected;
        using (no_grad())
        using (var x = tensor(faces.Values, [faces.Count, 1, 48, 48]))
        using (var p = nn.functional.softmax(net.call(x), 1))
        {
            expected = p.data<float>().ToArray();
        }

        using var model = EmotionModel.Load(onnxPath);
        var actual = model.Predict(faces.Values, faces.Count);
        Assert.Equal(expected.Length, actual.Length);
        var maxDiff = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxDiff <= 1e-4, $"max |ORT - TorchSharp| = {maxDiff:G3}");
        Assert.True(expected.Distinct().Count() > 50, "the model should not be constant");
    }

    [Fact]
    public void The_exported_graph_has_no_BatchNorm_or_Dropout_and_keeps_the_contract_names()
    {
        using var fer = new TinyFer(trainPerClass: 2, testPerClass: 2);
        var run = fer.NewRunFolder();
        new Trainer(run, _ => { }).Run(new TrainOptions { Data = fer.Root, Epochs = 1, BatchSize = 8 }, resume: false);
        var path = ExportCommand.Export(run, "last", Path.Combine(run, "m.onnx"));
        var model = OnnxFile.Read(path);
        var ops = model.Graph.Node.Select(n => n.OpType).ToList();
        Assert.DoesNotContain("BatchNormalization", ops);
        Assert.DoesNotContain("Dropout", ops);
        Assert.Equal(7, ops.Count(o => o == "Conv"));
        Assert.Equal("Softmax", ops[^1]);
        Assert.Equal("input", model.Graph.Input.Single().Name);
        Assert.Equal("probabilities", model.Graph.Output.Single().Name);
        Assert.Contains(model.MetadataProps, p => p.Key == "labels" && p.Value == "angry,disgust,fear,happy,sad,surprise,neutral");
    }
}
