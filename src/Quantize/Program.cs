using System.CommandLine;
using EdgeEmotion.Quantize.Commands;

var root = new RootCommand("edgeemotion-quantize: static int8 quantization of the emotion model, with proof of accuracy and speed.")
{
    QuantizeCommand.Create(),
    EvaluateCommand.Create(),
    BenchCommand.Create(),
    GraphCommand.Create(),
    ReportCommand.Create(),
};
try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or FileNotFoundException or ArgumentException or NotSupportedException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
