using EdgeEmotion.Core.Evaluation;
using EdgeEmotion.Training.Calibration;
using EdgeEmotion.Training.Data;

namespace EdgeEmotion.Training.Commands;

public static class CalibrateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by 'train --votes'", Required = true };
        var cache = new Option<string?>("--cache") { DefaultValueFactory = _ => "runs/cache" };
        var command = new Command("calibrate", "Fit a softmax temperature for the run's best weights on its held-out training faces (never PublicTest); 'export' folds it into the graph.")
        {
            run, cache,
        };
        command.SetAction(parse =>
        {
            var file = Calibrate(parse.GetValue(run)!, parse.GetValue(cache), ConsoleLog.Write);
            ConsoleLog.Write($"Temperature {file.Temperature:F3} on {file.HeldOutFaces:N0} held-out faces: ECE {file.EceBefore:F4} → {file.EceAfter:F4}, NLL {file.NllBefore:F4} → {file.NllAfter:F4}.");
            return 0;
        });
        return command;
    }

    public static TemperatureFile Calibrate(string runDirectory, string? cacheDirectory, Action<string> log)
    {
        var state = TrainingState.Load(runDirectory) ?? throw new UserInputException($"{runDirectory}: no {TrainingState.FileName}; train first.");
        if (state.Options.Votes is null)
        {
            throw new UserInputException($"{runDirectory}: trained without --votes, so no training faces were held out to fit a temperature on.");
        }
        var (_, heldOut, leftOut) = TrainingData.Load(state.Options, cacheDirectory, log);
        using var net = new EmotionNet(state.Options.Shape);
        net.load(Path.Combine(runDirectory, Trainer.BestWeights));
        var logits = Trainer.Logits(net, heldOut);
        var temperature = TemperatureScaling.Fit(logits, heldOut.Labels);
        var before = CalibrationMetrics.From(TemperatureScaling.Probabilities(logits, 1), heldOut.Labels);
        var after = CalibrationMetrics.From(TemperatureScaling.Probabilities(logits, temperature), heldOut.Labels);
        var file = new TemperatureFile(temperature, heldOut.Count, before.ExpectedCalibrationError, after.ExpectedCalibrationError,
            before.NegativeLogLikelihood, after.NegativeLogLikelihood) { LeftOutFaces = leftOut };
        file.Save(runDirectory);
        return file;
    }
}
