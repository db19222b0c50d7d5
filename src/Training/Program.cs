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
return UserInputException.ExitCodeOf(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }), Console.Error);
