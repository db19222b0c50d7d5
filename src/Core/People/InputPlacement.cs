using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Core.People;

/// <summary>Where a frame lands in the square network input: its scaled size and offset. Maps
/// boxes found in the input back to frame pixels.</summary>
public readonly record struct InputPlacement(int Left, int Top, int Width, int Height, float ScaleX, float ScaleY)
{
    public static InputPlacement Fit(int frameWidth, int frameHeight, int side, PersonInputFit fit)
    {
        if (fit == PersonInputFit.Stretch)
        {
            return new(0, 0, side, side, (float)side / frameWidth, (float)side / frameHeight);
        }
        var scale = Math.Min((float)side / frameWidth, (float)side / frameHeight);
        var width = Math.Clamp((int)MathF.Round(frameWidth * scale), 1, side);
        var height = Math.Clamp((int)MathF.Round(frameHeight * scale), 1, side);
        return new((side - width) / 2, (side - height) / 2, width, height, scale, scale);
    }

    /// <summary>A box given by its corners in input pixels, in frame pixels, cut to the frame
    /// (a person cut off by the frame's edge is boxed up to the edge).</summary>
    public FaceBox ToFrame(float x0, float y0, float x1, float y1, int frameWidth, int frameHeight)
    {
        var left = Math.Clamp((x0 - Left) / ScaleX, 0, frameWidth);
        var top = Math.Clamp((y0 - Top) / ScaleY, 0, frameHeight);
        var right = Math.Clamp((x1 - Left) / ScaleX, 0, frameWidth);
        var bottom = Math.Clamp((y1 - Top) / ScaleY, 0, frameHeight);
        return new FaceBox(left, top, right - left, bottom - top);
    }
}
