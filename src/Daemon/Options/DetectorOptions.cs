using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

internal enum DetectorKind
{
    YuNet,
    Haar,
}

/// <summary>Section <c>Detector</c>.</summary>
internal sealed class DetectorOptions
{
    public const string Section = "Detector";

    public DetectorKind Kind { get; set; } = DetectorKind.YuNet;

    /// <summary>YuNet ONNX model (dynamic input size), or a Haar cascade XML for <c>Haar</c>.</summary>
    public string ModelPath { get; set; } = "";

    [Range(0.05, 1.0)]
    public double ScoreThreshold { get; set; } = 0.7;

    [Range(0.05, 1.0)]
    public double NmsThreshold { get; set; } = 0.3;

    /// <summary>Faces smaller than this (pixels, in the frame) are ignored.</summary>
    [Range(8, 2048)]
    public int MinFaceSize { get; set; } = 20;

    /// <summary>The frame is scaled to fit this width for detection (smaller is faster).</summary>
    [Range(64, 1920)]
    public int InputWidth { get; set; } = 640;

    [Range(1, 64)]
    public int Threads { get; set; } = 1;

    /// <summary>Skip the detector and classifier while the picture does not change and count the
    /// last result again (see <c>MotionGate</c>).</summary>
    public bool MotionGating { get; set; } = true;

    /// <summary>Change of an 8x8 cell's mean gray level (0..255) that counts as motion.</summary>
    [Range(1.0, 255.0)]
    public double MotionThreshold { get; set; } = 12;

    /// <summary>Seconds after which a frame is analysed even without motion.</summary>
    [Range(0.1, 3600.0)]
    public double MotionRefreshSeconds { get; set; } = 2;
}
