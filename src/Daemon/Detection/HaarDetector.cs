using EdgeEmotion.Daemon.Options;
using OpenCvSharp;

namespace EdgeEmotion.Daemon.Detection;

/// <summary>OpenCV's Haar cascade (Debian package opencv-data), for comparison and for boards
/// where a classic detector is preferred. Needs the OpenCV runtime.</summary>
internal sealed class HaarDetector : IFaceDetector
{
    public const string DefaultCascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
    private readonly CascadeClassifier _cascade;
    private readonly DetectorOptions _options;

    public HaarDetector(string cascadePath, DetectorOptions options)
    {
        if (!File.Exists(cascadePath))
        {
            throw new UserInputException($"{cascadePath}: Haar cascade not found (Debian package opencv-data).");
        }
        _cascade = new CascadeClassifier(cascadePath);
        if (_cascade.Empty())
        {
            _cascade.Dispose();
            throw new UserInputException($"{cascadePath}: not a Haar cascade.");
        }
        _options = options;
    }

    public IReadOnlyList<DetectedFace> Detect(GrayImage frame)
    {
        using var mat = Mat.FromPixelData(frame.Height, frame.Width, MatType.CV_8UC1, frame.Pixels);
        var rects = _cascade.DetectMultiScale(mat, 1.1, 4, HaarDetectionTypes.ScaleImage, new Size(_options.MinFaceSize, _options.MinFaceSize));
        return [.. rects.Select(r => new DetectedFace(new FaceBox(r.X, r.Y, r.Width, r.Height), 1f, Landmarks: null, IsHighScore: true))];
    }

    public void Dispose() => _cascade.Dispose();
}
