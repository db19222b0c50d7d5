using EdgeEmotion.Quantize.Commands;

var root = new RootCommand("edgeemotion-quantize: static int8 quantization of the emotion model, with proof of accuracy and speed.")
{
    QuantizeCommand.Create(),
    QuantizePeopleCommand.Create(),
    FormsCommand.Create(),
    EvaluateCommand.Create(),
    BenchCommand.Create(),
    GraphCommand.Create(),
    ReportCommand.Create(),
};
return UserInputException.ExitCodeOf(() => root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }), Console.Error);
