namespace EdgeEmotion.Core.People;

/// <summary>How a frame is fitted into the detector's square input.</summary>
public enum PersonInputFit
{
    /// <summary>Scaled to fit with its aspect ratio kept, centred, the rest black (opencv_zoo's demo).</summary>
    Letterbox,

    /// <summary>Scaled to fill the square, the aspect ratio changed (people look thinner on a wide frame).</summary>
    Stretch,
}
