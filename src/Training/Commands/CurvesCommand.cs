using EdgeEmotion.Reporting;

namespace EdgeEmotion.Training.Commands;

public static class CurvesCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by 'train'", Required = true };
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "models" };
        var command = new Command("curves", "Plot accuracy and loss per epoch (train and validation) as PNG; copy the run's state and temperature beside the models.") { run, output };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            var state = TrainingState.Load(parse.GetValue(run)!) ?? throw new UserInputException("No state.json in the run folder.");
            var h = state.History;
            var validation = state.Options.Votes is null ? "PublicTest" : "held-out training faces (FER+ labels)";
            CurvePlot.Save(Path.Combine(dir, "training-accuracy.png"), "Accuracy per epoch", "accuracy",
                ("train (augmented)", [.. h.Select(e => e.TrainAccuracy)]), (validation, [.. h.Select(e => e.ValAccuracy)]));
            CurvePlot.Save(Path.Combine(dir, "training-loss.png"), "Loss per epoch", "cross-entropy",
                ("train (augmented)", [.. h.Select(e => e.TrainLoss)]), (validation, [.. h.Select(e => e.ValLoss)]));
            File.Copy(Path.Combine(parse.GetValue(run)!, TrainingState.FileName), Path.Combine(dir, "training-state.json"), overwrite: true);
            var temperature = Path.Combine(parse.GetValue(run)!, Calibration.TemperatureFile.FileName);
            if (File.Exists(temperature))
            {
                File.Copy(temperature, Path.Combine(dir, "training-temperature.json"), overwrite: true);
            }
            ConsoleLog.Write($"Wrote {dir}/training-accuracy.png, {dir}/training-loss.png, {dir}/training-state.json");
            return 0;
        });
        return command;
    }
}
