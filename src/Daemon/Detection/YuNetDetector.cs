using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Options;
using Microsoft.ML.OnnxRuntime;

namespace EdgeEmotion.Daemon.Detection;

/// <summary>
/// YuNet (libfacedetection, dynamic-input ONNX) through OnnxRuntime. The frame is scaled to the
/// detection width, padded to a multiple of 32 and fed as BGR 0..255 (gray in all three
/// channels). Each stride (8, 16, 32) predicts per grid cell a class and an objectness score,
/// a box offset (cell-relative centre, log size) and five landmarks; the score is
/// sqrt(cls * obj), as in OpenCV's FaceDetectorYN; landmarks are cell-relative like the centre.
/// Faces from <c>Detector:ScoreThreshold</c> up are high-score ones; given a lower
/// <c>lowScoreThreshold</c> the detector also returns the faces between the two, marked
/// <see cref="DetectedFace.IsHighScore"/> false, for the tracker (a strongly tilted head scores
/// 0.3-0.7 in most frames of a real clip).
/// </summary>
internal sealed class YuNetDetector : IFaceDetector
{
    private static readonly int[] Strides = [8, 16, 32];
    private readonly InferenceSession _session;
    private readonly DetectorOptions _options;
    private readonly string[] _outputs;
    private readonly double _lowScore;
    private readonly RunOptions _runOptions = new();
    // Reused between frames: at 640x480 the input is 3.7 MB, a new large-object-heap
    // allocation per frame otherwise.
    private float[] _input = [];

    // Reused between frames: a crowd (150 faces) gives about a thousand candidates above the low
    // score, which made hundreds of KB of lists, landmarks and sorting buffers per frame.
    private readonly List<Candidate> _candidates = [];

    /// <summary>A box above the low score before suppression; its landmarks are read only if kept.</summary>
    private readonly record struct Candidate(FaceBox Box, float Score, int Level, int Anchor, int Order);

    /// <param name="lowScoreThreshold">Lowest score returned (<c>Tracking:LowScoreThreshold</c>); null
    /// or above <c>Detector:ScoreThreshold</c> returns only high-score faces.</param>
    public YuNetDetector(string modelPath, DetectorOptions options, double? lowScoreThreshold = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new UserInputException($"{modelPath}: face detector model not found.");
        }
        _session = OnnxSessions.Open(File.ReadAllBytes(modelPath), modelPath, options.Threads, sessionOptions =>
            // The memory pattern pre-plans one block per input shape; without it the arena reuses
            // buffers across shapes: 8-10 MB less resident memory at 640, same speed (measured).
            sessionOptions.EnableMemoryPattern = false);
        _outputs = [.. Strides.SelectMany(s => new[] { $"cls_{s}", $"obj_{s}", $"bbox_{s}", $"kps_{s}" })];
        var missing = _outputs.Where(o => !_session.OutputMetadata.ContainsKey(o)).ToList();
        if (!_session.InputMetadata.ContainsKey("input") || missing.Count > 0)
        {
            _session.Dispose();
            throw new UserInputException($"{modelPath}: not a YuNet model (needs input 'input' and outputs cls_/obj_/bbox_/kps_ 8/16/32; missing {string.Join(", ", missing)}).");
        }
        _options = options;
        _lowScore = Math.Min(lowScoreThreshold ?? options.ScoreThreshold, options.ScoreThreshold);
    }

    public IReadOnlyList<DetectedFace> Detect(GrayImage frame)
    {
        var scale = Math.Min(1f, (float)_options.InputWidth / frame.Width);
        var width = Math.Max(1, (int)MathF.Round(frame.Width * scale));
        var height = Math.Max(1, (int)MathF.Round(frame.Height * scale));
        var paddedWidth = (width + 31) / 32 * 32;
        var paddedHeight = (height + 31) / 32 * 32;
        var plane = paddedWidth * paddedHeight;
        if (_input.Length < 3 * plane)
        {
            // Grown, never shrunk: frames of alternating sizes (a folder of pictures) would
            // otherwise allocate a multi-megabyte array per frame.
            _input = new float[3 * plane];
        }
        var input = _input;
        // Padding must be black, whatever the previous frame left there.
        input.AsSpan(0, plane).Clear();
        GrayResize.Bilinear(frame, width, height, input.AsSpan(0, paddedWidth * paddedHeight), paddedWidth);
        input.AsSpan(0, plane).CopyTo(input.AsSpan(plane));
        input.AsSpan(0, plane).CopyTo(input.AsSpan(2 * plane));

        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, 3 * plane), [1, 3, paddedHeight, paddedWidth]);
        using var results = _session.Run(_runOptions, ["input"], [tensor], _outputs);
        _candidates.Clear();
        for (var s = 0; s < Strides.Length; s++)
        {
            var stride = Strides[s];
            var cols = paddedWidth / stride;
            var cls = results[4 * s].GetTensorDataAsSpan<float>();
            var obj = results[(4 * s) + 1].GetTensorDataAsSpan<float>();
            var box = results[(4 * s) + 2].GetTensorDataAsSpan<float>();
            for (var i = 0; i < cls.Length; i++)
            {
                var score = MathF.Sqrt(Math.Clamp(cls[i], 0f, 1f) * Math.Clamp(obj[i], 0f, 1f));
                if (score < _lowScore)
                {
                    continue;
                }
                var col = i % cols;
                var row = i / cols;
                var cx = (col + box[4 * i]) * stride;
                var cy = (row + box[(4 * i) + 1]) * stride;
                var w = MathF.Exp(box[(4 * i) + 2]) * stride;
                var h = MathF.Exp(box[(4 * i) + 3]) * stride;
                var face = new FaceBox((cx - (w / 2)) / scale, (cy - (h / 2)) / scale, w / scale, h / scale);
                if (Math.Min(face.Width, face.Height) >= _options.MinFaceSize)
                {
                    _candidates.Add(new Candidate(face, score, s, i, _candidates.Count));
                }
            }
        }
        // Non-maximum suppression as NonMaximumSuppression.Apply does it (best score first, ties
        // in the order found), without its allocations.
        _candidates.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Order.CompareTo(b.Order));
        var faces = new List<DetectedFace>();
        foreach (var candidate in _candidates)
        {
            if (Overlaps(faces, candidate.Box))
            {
                continue;
            }
            var stride = Strides[candidate.Level];
            var cols = paddedWidth / stride;
            var kps = results[(4 * candidate.Level) + 3].GetTensorDataAsSpan<float>().Slice(10 * candidate.Anchor, 10);
            faces.Add(new DetectedFace(candidate.Box, candidate.Score, Landmarks(kps, candidate.Anchor % cols, candidate.Anchor / cols, stride, scale), candidate.Score >= _options.ScoreThreshold));
        }
        return faces;
    }

    private bool Overlaps(List<DetectedFace> kept, FaceBox box)
    {
        foreach (var face in kept)
        {
            if (NonMaximumSuppression.IntersectionOverUnion(face.Box, box) > _options.NmsThreshold)
            {
                return true;
            }
        }
        return false;
    }

    private static FaceLandmarks Landmarks(ReadOnlySpan<float> kps, int col, int row, int stride, float scale)
    {
        Span<LandmarkPoint> points = stackalloc LandmarkPoint[5];
        for (var n = 0; n < 5; n++)
        {
            points[n] = new((col + kps[2 * n]) * stride / scale, (row + kps[(2 * n) + 1]) * stride / scale);
        }
        return new FaceLandmarks(points[0], points[1], points[2], points[3], points[4]);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
