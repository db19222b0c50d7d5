using EdgeEmotion.OnnxGraph;
using Google.Protobuf;
using Onnx;

namespace EdgeEmotion.Core.Onnx;

/// <summary>An int8 model's bytes in the form to run: its form file beside it
/// (<see cref="Int8FormFile"/>) when that was written from exactly these bytes, else the weights
/// rewritten in memory (a model shipped in one form only). Shared by the emotion model and the
/// person detector.</summary>
public static class Int8FormBytes
{
    /// <param name="path">The model file (its form file is looked for beside it).</param>
    /// <param name="bytes">The model file's bytes.</param>
    /// <param name="sha256">Their sha256 (lower-case hex), which the form file must record.</param>
    public static (byte[] Model, Int8Weights Weights) For(string path, byte[] bytes, string sha256, Int8KernelForm form)
    {
        var formPath = Int8FormFile.PathFor(path, form);
        string? ignored = null;
        if (File.Exists(formPath))
        {
            var candidate = File.ReadAllBytes(formPath);
            var parsed = Parse(candidate);
            if (parsed is not null && WeightSignedness.Stored(parsed) == form && Int8FormFile.SourceOf(parsed) == sha256)
            {
                return (candidate, new Int8Weights(formPath, null));
            }
            ignored = parsed is null || WeightSignedness.Stored(parsed) != form
                ? $"{Path.GetFileName(formPath)} ignored: its weights are not {Int8KernelRule.Name(form)}"
                : $"{Path.GetFileName(formPath)} ignored: written from another model (sha256 {Int8FormFile.SourceOf(parsed) ?? "not recorded"})";
        }
        return (WeightSignedness.Rewrite(bytes, form), new Int8Weights(null, ignored) { RewrittenInMemory = true });
    }

    /// <summary>The form of a model's int8 weights; null for a float model or for bytes that are not
    /// ONNX at all, which OnnxRuntime then refuses with its own message.</summary>
    public static Int8KernelForm? StoredForm(byte[] bytes) => Parse(bytes) is { } model ? WeightSignedness.Stored(model) : null;

    /// <summary>The parsed model; null for bytes that are not ONNX at all (OnnxRuntime then refuses them with its own message).</summary>
    public static ModelProto? Parse(byte[] bytes)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
