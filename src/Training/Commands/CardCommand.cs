using EdgeEmotion.Training.Reports;

namespace EdgeEmotion.Training.Commands;

public static class CardCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run folder written by 'train' (or a copied training-state.json's folder)", Required = true };
        var output = new Option<string>("--out") { Description = "Models folder; README.md is written there", DefaultValueFactory = _ => "models" };
        var command = new Command("card", "Write the model card (models/README.md) from the run state, metrics JSON and model files.") { run, output };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            var state = TrainingState.Load(parse.GetValue(run)!) ?? throw new UserInputException("No state.json in the run folder.");
            File.WriteAllText(Path.Combine(dir, "README.md"), ModelCard.Render(state, dir));
            ConsoleLog.Write($"Wrote {dir}/README.md");
            return 0;
        });
        return command;
    }
}
