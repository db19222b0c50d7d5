using System.CommandLine;
using EdgeEmotion.Training.Model;

namespace EdgeEmotion.Training.Commands;

public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FER2013: fer2013.csv or a folder with train/<class>/ and test/<class>/", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder for checkpoints, state.json and logs", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Epochs", DefaultValueFactory = _ => 30 };
        var batch = new Option<int>("--batch-size") { DefaultValueFactory = _ => 64 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (Adam)", DefaultValueFactory = _ => 2e-3 };
        var patience = new Option<int>("--patience") { Description = "Early stopping: epochs without a better PublicTest accuracy", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var limit = new Option<int>("--limit-per-class") { Description = "Use at most this many faces per class (quick runs); 0 = all" };
        var widths = new Option<string>("--widths") { Description = "Channels per stage", DefaultValueFactory = _ => string.Join(",", NetworkShape.Default.Widths) };
        var noAugment = new Option<bool>("--no-augment") { Description = "Train without augmentation" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out after its last completed epoch" };
        var cache = new Option<string?>("--cache") { Description = "Folder for decoded-dataset caches", DefaultValueFactory = _ => "runs/cache" };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads (0 = all cores)" };

        var command = new Command("train", "Train the emotion CNN on FER2013, validating on PublicTest after each epoch.")
        {
            data, output, epochs, batch, lr, patience, seed, limit, widths, noAugment, resume, cache, threads,
        };
        command.SetAction(parse =>
        {
            TorchSetup.UseThreads(parse.GetValue(threads));
            var shape = NetworkShape.Default with
            {
                Widths = [.. parse.GetValue(widths)!.Split(',').Select(int.Parse)],
            };
            var options = new TrainOptions
            {
                Data = parse.GetValue(data)!,
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                Patience = parse.GetValue(patience),
                Seed = parse.GetValue(seed),
                LimitPerClass = parse.GetValue(limit),
                Augment = !parse.GetValue(noAugment),
                Shape = shape,
            };
            var state = new Trainer(parse.GetValue(output)!, ConsoleLog.Write).Run(options, parse.GetValue(resume), parse.GetValue(cache));
            ConsoleLog.Write($"Done: best PublicTest accuracy {state.BestValAccuracy:P2} at epoch {state.BestEpoch}, {state.History.Count} epochs, {TimeSpan.FromSeconds(state.WallSeconds):hh\\:mm\\:ss}.");
            return 0;
        });
        return command;
    }
}
