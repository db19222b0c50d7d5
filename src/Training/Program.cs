using System.CommandLine;
using EdgeEmotion.Training.Commands;

var root = new RootCommand("edgeemotion-train: train the FER2013 emotion CNN with TorchSharp, evaluate it and export ONNX.")
{
    TrainCommand.Create(),
    CalibrateCommand.Create(),
    ExportCommand.Create(),
    EvaluateCommand.Create(),
    RotationCommand.Create(),
    CurvesCommand.Create(),
    CardCommand.Create(),
    InfoCommand.Create(),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or FileNotFoundException or ArgumentException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
