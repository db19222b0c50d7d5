using EdgeEmotion.Core;
using EdgeEmotion.Core.Datasets;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.OnnxGraph;
using EdgeEmotion.Training.Calibration;
using EdgeEmotion.Training.Commands;
using Onnx;
using static TorchSharp.torch;

namespace EdgeEmotion.Training.Tests;

/// <summary>Training on FER+ vote shares, the held-out part, the temperature and its place in
/// the exported graph.</summary>
public class FerPlusTrainingTests
{
    private static TrainOptions Voted(TinyFer fer, int epochs) => new()
    {
        Data = fer.Root,
        Votes = fer.WriteVotes(),
        Holdout = 0.25,
        Epochs = epochs,
        BatchSize = 16,
        WarmupEpochs = 1,
        LabelSmoothing = 0,
        ClassWeightPower = 0,
        Augment = true,
        RandomErasing = 0.5,
        Patience = 100,
    };

    [Fact]
    public void A_run_on_votes_trains_on_the_training_split_minus_a_held_out_quarter_and_never_reads_PublicTest()
    {
        using var fer = new TinyFer(trainPerClass: 12, testPerClass: 2);
        var lines = new List<string>();
        var options = Voted(fer, epochs: 3);
        Directory.Delete(Path.Combine(fer.Root, FerSplit.PublicTest.FolderName()), recursive: true); // would fail if read
        var state = new Trainer(fer.NewRunFolder(), lines.Add).Run(options, resume: false);

        var voted = VotedFaces.Join(ImageFolderReader.Read(fer.Root, FerSplit.Train), FerPlusVotesReader.Read(options.Votes!, FerSplit.Train));
        var heldOut = (int)Math.Round(voted.Count * 0.25);
        Assert.Equal(voted.Count - heldOut, state.TrainImages);
        Assert.True(state.ValImages <= heldOut && state.ValImages > 0); // held-out faces with a plurality label
        Assert.Contains(lines, l => l.Contains("FER+ votes:") && l.Contains("left out"));
        Assert.True(state.History[^1].TrainLoss < state.History[0].TrainLoss, "training on vote shares should lower the loss");
    }

    [Fact]
    public void The_temperature_is_in_the_exported_graph()
    {
        using var fer = new TinyFer(trainPerClass: 10, testPerClass: 4);
        var run = fer.NewRunFolder();
        new Trainer(run, _ => { }).Run(Voted(fer, epochs: 2), resume: false);
        var fitted = CalibrateCommand.Calibrate(run, null, _ => { });
        Assert.True(File.Exists(Path.Combine(run, TemperatureFile.FileName)));
        // Whatever the tiny run's fit, export a clearly different temperature to see it in the graph.
        new TemperatureFile(2.5, fitted.HeldOutFaces, 0, 0, 0, 0).Save(run);
        var path = ExportCommand.Export(run, "best", Path.Combine(run, "calibrated.onnx"));

        var faces = new FaceTensors(DatasetLoader.Load(fer.Root, FerSplit.PublicTest));
        var state = TrainingState.Load(run)!;
        using var net = new EmotionNet(state.Options.Shape);
        net.load(Path.Combine(run, Trainer.BestWeights));
        var expected = TemperatureScaling.Probabilities(Trainer.Logits(net, faces), 2.5);

        using var model = EmotionModel.Load(path);
        var actual = model.Predict(faces.Values, faces.Count);
        var maxDiff = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxDiff <= 1e-4, $"max |ORT - softmax(logits / T)| = {maxDiff:G3}");
        Assert.Equal("2.5", model.Metadata["temperature"]);
        Assert.DoesNotContain(OnnxFile.Read(path).Graph.Node, n => n.OpType is "Div" or "Mul");

        // The uncalibrated softmax differs: the temperature really changed the graph.
        var plain = TemperatureScaling.Probabilities(Trainer.Logits(net, faces), 1);
        Assert.True(plain.Zip(actual).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void Temperature_scaling_finds_the_temperature_that_made_the_labels()
    {
        // Labels drawn from softmax(z / 2): the fit must find about 2 for the logits z.
        var random = new Random(3);
        const int Faces = 6000;
        var logits = new float[Faces * 7];
        var labels = new byte[Faces];
        for (var i = 0; i < Faces; i++)
        {
            for (var c = 0; c < 7; c++)
            {
                logits[(i * 7) + c] = (float)(random.NextDouble() * 8);
            }
        }
        var truth = TemperatureScaling.Probabilities(logits, 2.0);
        for (var i = 0; i < Faces; i++)
        {
            var u = random.NextDouble();
            var c = 0;
            for (double cumulative = truth[i * 7]; cumulative < u && c < 6; cumulative += truth[(i * 7) + ++c])
            {
            }
            labels[i] = (byte)c;
        }
        var fitted = TemperatureScaling.Fit(logits, labels);
        Assert.InRange(fitted, 1.8, 2.2);
        Assert.True(TemperatureScaling.NegativeLogLikelihood(logits, labels, fitted) < TemperatureScaling.NegativeLogLikelihood(logits, labels, 1));
    }

    [Fact]
    public void Calibrating_a_run_trained_without_votes_says_why_it_cannot()
    {
        using var fer = new TinyFer(trainPerClass: 2, testPerClass: 2);
        var run = fer.NewRunFolder();
        new Trainer(run, _ => { }).Run(new TrainOptions { Data = fer.Root, Epochs = 1, BatchSize = 8 }, resume: false);
        var ex = Assert.Throws<UserInputException>(() => CalibrateCommand.Calibrate(run, null, _ => { }));
        Assert.Contains("without --votes", ex.Message);
    }
}
