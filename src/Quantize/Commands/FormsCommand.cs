using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Quantize.Commands;

/// <summary><c>forms</c>: writes an int8 model's other kernel form beside it (emotion-int8.onnx,
/// uint8 weights → emotion-int8-u8s8.onnx), so the daemon loads the form its CPU runs from a
/// file. Its output is the same bytes for the same model (a test checks the shipped file).</summary>
public static class FormsCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "int8 model (QDQ, symmetric 8-bit weights)", DefaultValueFactory = _ => "models/emotion-int8.onnx" };
        var command = new Command("forms", "Write the int8 model's other kernel form (u8s8 or u8u8) as a file beside it, for CPUs that run that form (see Int8KernelRule).") { model };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            if (!File.Exists(path))
            {
                throw new UserInputException($"--model: {path}: model file not found.");
            }
            var bytes = File.ReadAllBytes(path);
            var stored = WeightSignedness.Stored(ModelProto.Parser.ParseFrom(bytes))
                ?? throw new UserInputException($"--model: {path} has no symmetric 8-bit weights (uint8 around 128 or int8 around 0): it has no other int8 form.");
            var other = stored == Int8KernelForm.U8S8 ? Int8KernelForm.U8U8 : Int8KernelForm.U8S8;
            var formPath = Int8FormFile.PathFor(path, other);
            var written = Int8FormFile.Write(bytes, other);
            File.WriteAllBytes(formPath, written);
            Console.WriteLine($"{path}: {Int8KernelRule.Name(stored)}, sha256 {Int8FormFile.Sha256(bytes)}");
            Console.WriteLine($"{formPath}: {Int8KernelRule.Name(other)}, sha256 {Int8FormFile.Sha256(written)}, {written.Length:N0} bytes (written from the model above)");
            return 0;
        });
        return command;
    }
}
