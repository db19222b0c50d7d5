using System.Runtime.InteropServices;
using System.Security.Cryptography;
using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Preprocessing;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeEmotion.Core.Onnx;

/// <summary>An emotion model loaded with OnnxRuntime and checked against <see cref="ModelContract"/>.
/// Evaluation, quantization and the daemon classify through this one type.</summary>
public sealed class EmotionModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    private EmotionModel(InferenceSession session, string path, string sha256)
    {
        _session = session;
        Path = path;
        Sha256 = sha256;
    }

    public string Path { get; }
    public string Sha256 { get; }

    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <param name="threads">Intra-op threads; 0 lets OnnxRuntime choose.</param>
    public static EmotionModel Load(string path, int threads = 0, string? optimizedModelPath = null)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: model file not found.");
        }
        var bytes = File.ReadAllBytes(path);
        var session = OnnxSessions.Open(bytes, path, threads, options =>
        {
            if (optimizedModelPath is not null)
            {
                options.OptimizedModelFilePath = optimizedModelPath;
            }
        });
        try
        {
            ModelContract.Validate(session, path);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return new EmotionModel(session, path, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Probabilities [count,7] for <paramref name="count"/> faces laid out as [count,1,48,48].</summary>
    public float[] Predict(ReadOnlyMemory<float> faces, int count)
    {
        var length = count * FacePreprocessor.TensorLength;
        if (faces.Length < length)
        {
            throw new ArgumentException($"{count} faces need {length} floats.", nameof(faces));
        }
        // OnnxRuntime reads the caller's memory in place (it never writes an input): no copy per
        // call, which for a crowd of faces would be a new large-object-heap array every frame.
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, MemoryMarshal.AsMemory(faces[..length]), [count, 1, FacePreprocessor.Size, FacePreprocessor.Size]);
        using var results = _session.Run(_runOptions, [ModelContract.InputName], [input], [ModelContract.OutputName]);
        var output = results[0].GetTensorDataAsSpan<float>();
        if (output.Length != count * EmotionLabels.Count)
        {
            throw new InvalidDataException($"{Path}: output has {output.Length} values for {count} faces.");
        }
        return output.ToArray();
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
