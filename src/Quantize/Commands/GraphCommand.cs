using EdgeEmotion.Quantize.Evaluation;

namespace EdgeEmotion.Quantize.Commands;

public static class GraphCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { DefaultValueFactory = _ => "models/emotion-int8.onnx" };
        var save = new Option<string?>("--save") { Description = "Also keep OnnxRuntime's optimized graph in this file" };
        var command = new Command("graph", "List the operators OnnxRuntime runs for a model after optimization (integer kernels or not).") { model, save };
        command.SetAction(parse =>
        {
            var counts = OptimizedGraph.OperatorCounts(parse.GetValue(model)!, parse.GetValue(save));
            foreach (var (op, n) in counts)
            {
                Console.WriteLine($"{op,-24} {n}");
            }
            Console.WriteLine(OptimizedGraph.RunsIntegerKernels(counts)
                ? "Convolutions run as integer kernels."
                : "Convolutions do NOT all run as integer kernels.");
            return 0;
        });
        return command;
    }
}
