namespace EdgeEmotion.Training.Commands;

public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "FER2013: fer2013.csv or a folder with train/<class>/ and test/<class>/", Required = true };
        var votes = new Option<string?>("--votes") { Description = "FER+ votes: a folder with train-votes.tsv and test-votes.tsv, or FER+'s fer2013new.csv; trains on the vote shares" };
        var holdout = new Option<double>("--holdout") { Description = "With --votes: share of the training faces held out for validation and calibration", DefaultValueFactory = _ => 0.1 };
        var smoothing = new Option<double?>("--label-smoothing") { Description = "Label smoothing (default 0.1 for FER2013 labels, 0 with --votes: votes are already soft)" };
        var classWeightPower = new Option<double?>("--class-weight-power") { Description = "Class weights (n_max/n_class)^power (default 0.5 for FER2013 labels, 0 with --votes)" };
        var erase = new Option<double>("--random-erasing") { Description = "Probability of erasing a random rectangle of a training face", DefaultValueFactory = _ => 0 };
        var convs = new Option<string>("--convs") { Description = "3x3 convolutions per stage", DefaultValueFactory = _ => string.Join(",", NetworkShape.Default.ConvsPerStage) };
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

        var command = new Command("train", "Train the emotion CNN on FER2013 (on FER+ vote shares with --votes), validating after each epoch: on a held-out share of the training split with --votes, on PublicTest without.")
        {
            data, votes, holdout, smoothing, classWeightPower, erase, convs, output, epochs, batch, lr, patience, seed, limit, widths, noAugment, resume, cache, threads,
        };
        command.SetAction(parse =>
        {
            TorchSetup.UseThreads(parse.GetValue(threads));
            var shape = NetworkShape.Default with
            {
                Widths = ParseList(parse.GetValue(widths)!, "--widths"),
                ConvsPerStage = ParseList(parse.GetValue(convs)!, "--convs"),
            };
            var votesPath = parse.GetValue(votes);
            var options = new TrainOptions
            {
                Data = parse.GetValue(data)!,
                Votes = votesPath,
                Holdout = parse.GetValue(holdout),
                LabelSmoothing = parse.GetValue(smoothing) ?? (votesPath is null ? 0.1 : 0),
                ClassWeightPower = parse.GetValue(classWeightPower) ?? (votesPath is null ? 0.5 : 0),
                RandomErasing = parse.GetValue(erase),
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
            ConsoleLog.Write($"Done: best validation accuracy {state.BestValAccuracy:P2} at epoch {state.BestEpoch}, {state.History.Count} epochs, {TimeSpan.FromSeconds(state.WallSeconds):hh\\:mm\\:ss}.");
            return 0;
        });
        return command;
    }

    private static int[] ParseList(string text, string option)
    {
        var parts = text.Split(',');
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out values[i]))
            {
                throw new UserInputException($"{option} '{text}': give whole numbers separated by commas, e.g. 32,64,128,256.");
            }
        }
        return values;
    }
}
