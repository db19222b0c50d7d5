using System.Globalization;
using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace EdgeEmotion.Core.Onnx;

/// <summary>The emotion model's ONNX interface: input <c>input</c> float32 [N,1,48,48] in 0..1,
/// output <c>probabilities</c> float32 [N,7], softmax in <see cref="EmotionLabels"/> order.</summary>
public static class ModelContract
{
    public const string InputName = "input";
    public const string OutputName = "probabilities";

    /// <summary>Throws <see cref="UserInputException"/> naming the file and the mismatch.</summary>
    public static void Validate(InferenceSession session, string path)
    {
        if (!session.InputMetadata.TryGetValue(InputName, out var input) || session.InputMetadata.Count != 1)
        {
            throw new UserInputException($"{path}: model must have exactly one input named '{InputName}' (has {string.Join(", ", session.InputMetadata.Keys)}).");
        }
        if (!session.OutputMetadata.TryGetValue(OutputName, out var output))
        {
            throw new UserInputException($"{path}: model has no output named '{OutputName}' (has {string.Join(", ", session.OutputMetadata.Keys)}).");
        }
        CheckShape(path, InputName, input, [-1, 1, FacePreprocessor.Size, FacePreprocessor.Size]);
        CheckShape(path, OutputName, output, [-1, EmotionLabels.Count]);
    }

    private static void CheckShape(string path, string name, NodeMetadata meta, int[] expected)
    {
        if (meta.ElementType != typeof(float))
        {
            throw new UserInputException($"{path}: '{name}' must be float32, is {meta.ElementType.Name}.");
        }
        var dims = meta.Dimensions;
        var ok = dims.Length == expected.Length;
        for (var i = 1; ok && i < dims.Length; i++)
        {
            ok = dims[i] == expected[i];
        }
        if (!ok)
        {
            var want = string.Join(",", expected.Select(d => d < 0 ? "N" : d.ToString(CultureInfo.InvariantCulture)));
            throw new UserInputException($"{path}: '{name}' has shape [{string.Join(",", dims)}], expected [{want}].");
        }
    }
}
