namespace EdgeEmotion.Core.Preprocessing;

/// <summary>A face rectangle in frame pixels (may extend past the frame edges).</summary>
public readonly record struct FaceBox(float X, float Y, float Width, float Height)
{
    public float CenterX => X + (Width / 2);
    public float CenterY => Y + (Height / 2);

    /// <summary>The box that covers a whole image: how a dataset face (already cropped) enters
    /// the same preprocessing as a detected one.</summary>
    public static FaceBox Covering(int width, int height) => new(0, 0, width, height);
}
