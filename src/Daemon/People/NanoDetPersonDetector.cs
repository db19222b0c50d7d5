using EdgeEmotion.Core;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.People;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.OnnxGraph;
using Microsoft.ML.OnnxRuntime;

namespace EdgeEmotion.Daemon.People;

/// <summary>
/// People in a frame: NanoDet-m 416 (opencv_zoo's object_detection_nanodet_2022nov.onnx, 80 COCO
/// classes, person only read) through OnnxRuntime. The frame is fitted into the 416x416 input
/// (<see cref="PersonInputFit"/>), each stride's (8, 16, 32) outputs are decoded by
/// <see cref="NanoDetDecoder"/> and overlapping boxes suppressed. Boxes come as
/// <see cref="DetectedFace"/> (box and score, no landmarks) because the non-maximum suppression
/// and the tracker take that type; the name is the face path's, the content is a person.
/// Boxes from <paramref name="minScore"/> up are high-score ones; given a lower
/// <paramref name="lowScore"/> the detector also returns the boxes between the two, marked not
/// high-score, for the tracker's second pass (as <see cref="YuNetDetector"/> does).
/// </summary>
internal sealed class NanoDetPersonDetector : IDisposable
{
    /// <summary>sha256 of the published model file (opencv_zoo commit 966be4cb).</summary>
    public const string PublishedSha256 = "4b82da9944b88577175ee23a459dce2e26e6e4be573def65b1055dc2d9720186";

    /// <summary>sha256 of models/nanodet-m-416-int8.onnx, which <c>edgeemotion-quantize quantize-people</c>
    /// makes from the published file (models/README.md).</summary>
    public const string ShippedInt8Sha256 = "cd38ea63a2d82ba2acf605e1a15842b7ad2c1cfa5efff61afe571c3d9c4f1d62";
    /// <summary>The daemon's <c>People:MinScore</c> default: one figure for the daemon, the bench and the tests.</summary>
    public const float DefaultMinScore = (float)PeopleOptions.DefaultMinScore;
    // Lower than opencv_zoo's 0.6: on the store aisle a box spanning two shoppers overlaps each
    // of theirs by 0.45-0.6 (bench `people`).
    public const double DefaultNmsThreshold = 0.45;
    // The input's side: the decoder's grid and the model check are in its pixels.
    private const int Side = NanoDetInput.Side;
    private const string InputName = "input.1";
    private static readonly int[] Strides = [8, 16, 32];

    private readonly InferenceSession _session;
    private readonly string[] _outputs;
    private readonly float _minScore;
    private readonly float _lowScore;
    private readonly double _nmsThreshold;
    private readonly PersonInputFit _fit;
    private readonly NanoDetInput _input = new();
    private readonly RunOptions _runOptions = new();
    private readonly List<PersonCandidate> _candidates = [];

    /// <param name="modelPath">The ONNX file.</param>
    /// <param name="expectedSha256">The file's sha256, checked before loading; null checks nothing (another NanoDet export).
    /// The default, the published file's, also admits the int8 file made from it (<see cref="ShippedInt8Sha256"/>).</param>
    /// <param name="threads">Intra-op threads.</param>
    /// <param name="int8Kernels">For an int8 model, the form to run it in (stored in the other: its
    /// form file beside it, else its weights rewritten in memory); null: the form <see cref="Int8KernelRule"/> picks for this CPU.
    /// A float model runs as float.</param>
    public NanoDetPersonDetector(string modelPath, float minScore = DefaultMinScore, float? lowScore = null, int threads = 1,
        string? expectedSha256 = PublishedSha256, PersonInputFit fit = PersonInputFit.Letterbox, double nmsThreshold = DefaultNmsThreshold,
        Int8KernelForm? int8Kernels = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new UserInputException($"{modelPath}: person detector model not found.");
        }
        var bytes = File.ReadAllBytes(modelPath);
        var sha256 = ModelFileHash.Sha256(bytes);
        if (expectedSha256 is not null && !string.Equals(sha256, expectedSha256, StringComparison.OrdinalIgnoreCase)
            && !(expectedSha256 == PublishedSha256 && sha256 == ShippedInt8Sha256))
        {
            var shipped = expectedSha256 == PublishedSha256 ? $" (or {ShippedInt8Sha256}, the shipped int8 file)" : "";
            throw new UserInputException($"{modelPath}: sha256 is {sha256}, the person detector expects {expectedSha256.ToLowerInvariant()}{shipped}; refusing the model.");
        }
        var stored = Int8FormBytes.StoredForm(bytes);
        Int8Kernels = stored is null ? null : int8Kernels ?? Int8KernelRule.Choose(CpuFeatures.Current()).Form;
        // The other form from its file beside the model (nanodet-m-416-int8-u8s8.onnx), as the emotion model does.
        var (runs, weights) = Int8Kernels is { } form && form != stored ? Int8FormBytes.For(modelPath, bytes, sha256, form) : (bytes, Int8Weights.AsStored);
        Weights = weights;
        _session = OnnxSessions.Open(runs, modelPath, threads, options =>
            // The published graph lists its 158 weights as graph inputs too, and OnnxRuntime
            // warns about each one at load. The file is used as published so that its sha256
            // stays the one OpenCV Zoo lists.
            options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try
        {
            _outputs = OutputsByStride(_session, modelPath);
            Sha256 = sha256;
            _minScore = minScore;
            _lowScore = Math.Min(lowScore ?? minScore, minScore);
            _nmsThreshold = nmsThreshold;
            _fit = fit;
            Probe(modelPath);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Sha256 { get; }

    /// <summary>Where the running int8 weights came from (the model's file, its form file, or a rewrite in memory).</summary>
    public Int8Weights Weights { get; }

    /// <summary>The int8 form the session runs; null for the float model.</summary>
    public Int8KernelForm? Int8Kernels { get; }

    /// <summary>People in a gray frame (the daemon's frames): gray in all three channels.</summary>
    public IReadOnlyList<DetectedFace> Detect(GrayImage frame) => Detect(BgrPlanes.FromGray(frame));

    public IReadOnlyList<DetectedFace> Detect(BgrPlanes frame)
    {
        var placement = InputPlacement.Fit(frame.Width, frame.Height, Side, _fit);
        _input.Write(frame, placement);
        _candidates.Clear();
        Run();
        var people = new List<DetectedFace>(_candidates.Count);
        foreach (var c in _candidates)
        {
            var box = placement.ToFrame(c.X0, c.Y0, c.X1, c.Y1, frame.Width, frame.Height);
            if (box.Width > 0 && box.Height > 0)
            {
                people.Add(new DetectedFace(box, c.Score, IsHighScore: c.Score >= _minScore));
            }
        }
        return NonMaximumSuppression.Apply(people, _nmsThreshold);
    }

    private void Run()
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.Tensor.AsMemory(), [1, 3, Side, Side]);
        using var results = _session.Run(_runOptions, [InputName], [tensor], _outputs);
        for (var s = 0; s < Strides.Length; s++)
        {
            NanoDetDecoder.Decode(results[2 * s].GetTensorDataAsSpan<float>(), results[(2 * s) + 1].GetTensorDataAsSpan<float>(), Strides[s], Side, _lowScore, _candidates);
        }
    }

    /// <summary>The output names, scores then bins per stride, found by shape: the published
    /// graph names them by number (792, 795, ...).</summary>
    private static string[] OutputsByStride(InferenceSession session, string modelPath)
    {
        if (!session.InputMetadata.TryGetValue(InputName, out var input) || !input.Dimensions.SequenceEqual([1, 3, Side, Side]))
        {
            throw new UserInputException($"{modelPath}: not a NanoDet {Side} model (needs input '{InputName}' [1,3,{Side},{Side}]; has {string.Join(", ", session.InputMetadata.Select(i => $"'{i.Key}' [{string.Join(",", i.Value.Dimensions)}]"))}).");
        }
        var names = new List<string>();
        foreach (var stride in Strides)
        {
            var cells = Side / stride * (Side / stride);
            foreach (var width in new[] { NanoDetDecoder.Classes, NanoDetDecoder.BoxValues })
            {
                var name = session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions.SequenceEqual([1, cells, width])).Key
                    ?? throw new UserInputException($"{modelPath}: not a NanoDet {Side} model (no output [1,{cells},{width}] for stride {stride}).");
                names.Add(name);
            }
        }
        return [.. names];
    }

    /// <summary>One run on a plain gray frame at start: a graph can have the right shapes and
    /// still output NaN or scores outside 0..1 (no sigmoid), which would otherwise show only
    /// as no people or people everywhere.</summary>
    private void Probe(string modelPath)
    {
        _input.Write(BgrPlanes.FromGray(new GrayImage(Side, Side, Enumerable.Repeat((byte)128, Side * Side).ToArray())), InputPlacement.Fit(Side, Side, Side, _fit));
        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.Tensor.AsMemory(), [1, 3, Side, Side]);
        using var results = _session.Run(_runOptions, [InputName], [tensor], _outputs);
        for (var i = 0; i < results.Count; i++)
        {
            var values = results[i].GetTensorDataAsSpan<float>();
            var isScores = i % 2 == 0;
            foreach (var v in values)
            {
                if (!float.IsFinite(v) || (isScores && v is < 0 or > 1))
                {
                    throw new UserInputException($"{modelPath}: output '{_outputs[i]}' gives {v} for a plain gray frame ({(isScores ? "scores must be 0..1" : "bins must be finite")}); refusing the model.");
                }
            }
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
