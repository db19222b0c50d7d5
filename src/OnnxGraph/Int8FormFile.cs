using System.Security.Cryptography;
using Google.Protobuf;
using Onnx;

namespace EdgeEmotion.OnnxGraph;

/// <summary>
/// An int8 model's other <see cref="Int8KernelForm"/> shipped as a file beside it
/// (<c>emotion-int8.onnx</c> → <c>emotion-int8-u8s8.onnx</c>), so that a CPU which runs that form
/// loads it as it is instead of rewriting the weights in memory (under qemu-user the emulated
/// arm64 daemon crashes after any in-memory rewrite, see Core's Int8KernelRule). The file records
/// the sha256 of the model it was written from, so a stale one (the model replaced, the old form
/// file left beside it) is recognised and not run.
/// </summary>
public static class Int8FormFile
{
    /// <summary>Metadata key of the form file: the sha256 of the file it was written from.</summary>
    public const string SourceKey = "edgeemotion.int8_form_of";

    /// <summary>Where the <paramref name="form"/> file of <paramref name="modelPath"/> lives: beside
    /// it, its name with "-u8s8" or "-u8u8" before the extension.</summary>
    public static string PathFor(string modelPath, Int8KernelForm form) =>
        Path.Combine(Path.GetDirectoryName(modelPath) ?? "", $"{Path.GetFileNameWithoutExtension(modelPath)}-{Suffix(form)}{Path.GetExtension(modelPath)}");

    /// <summary>The bytes of <paramref name="model"/>'s <paramref name="form"/> file: the weights
    /// rewritten (<see cref="WeightSignedness"/>) and the source's sha256 recorded. The same input
    /// gives the same bytes (protobuf writes fields in order), which a test checks against the
    /// shipped file.</summary>
    /// <exception cref="InvalidDataException">The model has no symmetric 8-bit weights, or is already in <paramref name="form"/>.</exception>
    public static byte[] Write(byte[] model, Int8KernelForm form)
    {
        var source = ModelProto.Parser.ParseFrom(model);
        if (WeightSignedness.Stored(source) == form)
        {
            throw new InvalidDataException($"the model is already stored as {Suffix(form)}: it is its own {Suffix(form)} file");
        }
        var rewritten = WeightSignedness.Rewrite(source, form);
        var existing = rewritten.MetadataProps.Where(p => p.Key == SourceKey).ToList();
        foreach (var entry in existing)
        {
            rewritten.MetadataProps.Remove(entry);
        }
        rewritten.MetadataProps.Add(new StringStringEntryProto { Key = SourceKey, Value = Sha256(model) });
        return rewritten.ToByteArray();
    }

    /// <summary>The sha256 of the model a form file was written from; null for a model that is not one.</summary>
    public static string? SourceOf(ModelProto model) => model.MetadataProps.FirstOrDefault(p => p.Key == SourceKey)?.Value;

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Suffix(Int8KernelForm form) => form switch
    {
        Int8KernelForm.U8S8 => "u8s8",
        Int8KernelForm.U8U8 => "u8u8",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };
}
