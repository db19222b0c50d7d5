namespace EdgeEmotion.Daemon.Detection;

/// <summary>A point in frame pixels.</summary>
internal readonly record struct LandmarkPoint(float X, float Y);

/// <summary>YuNet's five face landmarks in frame pixels. "Right" and "left" are the person's own:
/// the right eye appears on the left of the picture when the person faces the camera.</summary>
internal readonly record struct FaceLandmarks(
    LandmarkPoint RightEye,
    LandmarkPoint LeftEye,
    LandmarkPoint NoseTip,
    LandmarkPoint RightMouthCorner,
    LandmarkPoint LeftMouthCorner)
{
    /// <summary>The eyes, for turning the face level before it is classified.</summary>
    public EyePositions Eyes => new(RightEye.X, RightEye.Y, LeftEye.X, LeftEye.Y);
}
