using System.Runtime.InteropServices;
using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.OnnxGraph;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeEmotion.Core.Onnx;

/// <summary>An emotion model loaded with OnnxRuntime and checked against <see cref="ModelContract"/>.
/// Evaluation, quantization and the daemon classify through this one type.</summary>
public sealed class EmotionModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    private EmotionModel(InferenceSession session, string path, string sha256, Int8KernelForm? int8Kernels, Int8Weights weights)
    {
        _session = session;
        Path = path;
        Sha256 = sha256;
        Int8Kernels = int8Kernels;
        Weights = weights;
    }

    public string Path { get; }

    /// <summary>Of the file as stored (what <c>Model:Sha256</c> pins), whatever form it runs in.</summary>
    public string Sha256 { get; }

    /// <summary>The int8 form the session runs; null for a model without 8-bit weights (float).</summary>
    public Int8KernelForm? Int8Kernels { get; }

    /// <summary>Where the weights OnnxRuntime runs came from: the file itself, its form file beside
    /// it, or a rewrite in memory.</summary>
    public Int8Weights Weights { get; }

    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <param name="threads">Intra-op threads; 0 lets OnnxRuntime choose.</param>
    /// <param name="int8Kernels">The int8 form to run (see <see cref="Int8KernelRule"/>): an int8
    /// model stored in the other form runs its form file beside it (<see cref="Int8FormFile"/>)
    /// when there is one written from it, and otherwise has its weights rewritten in memory; null
    /// runs it as stored, and a float model runs as float either way.</param>
    public static EmotionModel Load(string path, int threads = 0, string? optimizedModelPath = null, Int8KernelForm? int8Kernels = null)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: model file not found.");
        }
        var bytes = File.ReadAllBytes(path);
        var sha256 = ModelFileHash.Sha256(bytes);
        var stored = Int8FormBytes.StoredForm(bytes);
        var runs = stored is null ? null : int8Kernels ?? stored;
        var (model, weights) = runs is { } form && form != stored ? Int8FormBytes.For(path, bytes, sha256, form) : (bytes, Int8Weights.AsStored);
        var session = OnnxSessions.Open(model, path, threads, options =>
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
        return new EmotionModel(session, path, sha256, runs, weights);
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
