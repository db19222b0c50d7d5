namespace EdgeEmotion.Core.Preprocessing;

/// <summary>The centres of a face's eyes in frame pixels, as a detector with landmarks (YuNet)
/// reports them. "Right" is the person's own right eye, on the left of the picture when they
/// face the camera.</summary>
public readonly record struct EyePositions(float RightX, float RightY, float LeftX, float LeftY)
{
    /// <summary>Head roll in radians: the angle of the line from the right eye to the left eye
    /// against the horizontal, positive when the left eye is lower (y grows downwards).</summary>
    public float Roll => MathF.Atan2(LeftY - RightY, LeftX - RightX);

    /// <summary>The same eyes after the picture is turned by <paramref name="radians"/> about
    /// (<paramref name="centreX"/>, <paramref name="centreY"/>), in the same sense as <see cref="Roll"/>.</summary>
    public EyePositions Rotated(float radians, float centreX, float centreY)
    {
        var (sin, cos) = MathF.SinCos(radians);
        (float X, float Y) Turn(float x, float y) =>
            (centreX + (cos * (x - centreX)) - (sin * (y - centreY)), centreY + (sin * (x - centreX)) + (cos * (y - centreY)));
        var right = Turn(RightX, RightY);
        var left = Turn(LeftX, LeftY);
        return new EyePositions(right.X, right.Y, left.X, left.Y);
    }
}
