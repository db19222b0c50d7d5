namespace EdgeEmotion.Daemon.Detection;

/// <summary>Finds faces in a grayscale frame (YuNet through OnnxRuntime, or a Haar cascade).</summary>
internal interface IFaceDetector : IDisposable
{
    IReadOnlyList<DetectedFace> Detect(GrayImage frame);
}
