namespace EdgeEmotion.Daemon.Detection;

/// <summary>
/// Decides whether a frame needs the detector and classifier, or whether the picture is the same
/// as the last frame that went through them, so that their result still holds. A kiosk's camera
/// mostly looks at an unchanged scene; skipping the detector there is the usual answer to CPU
/// load on small boards. The frame is reduced to the means of 8x8-pixel cells (averaging cancels
/// sensor noise) and compared with the cells of the last analysed frame: one cell that changed by
/// more than the threshold means motion. A full analysis still runs at least every refresh
/// interval, so slow changes and a person standing still are re-checked.
/// </summary>
/// <remarks>Written here rather than with OpenCV's absdiff: ARM boards have no OpenCV runtime.</remarks>
internal sealed class MotionGate(double threshold, TimeSpan refresh)
{
    private const int Cell = 8;
    private float[] _reference = [];
    private float[] _current = [];
    private int _width;
    private int _height;
    private TimeSpan _analysedAt;
    private bool _hasReference;

    /// <summary>True when <paramref name="frame"/>, seen at <paramref name="now"/> (any monotonic
    /// clock), must be analysed; it then becomes the reference for the next frames.</summary>
    public bool ShouldAnalyse(GrayImage frame, TimeSpan now)
    {
        var sameSize = frame.Width == _width && frame.Height == _height;
        CellMeans(frame, ref _current);
        var analyse = !_hasReference || !sameSize || now - _analysedAt >= refresh || Changed(_current, _reference, threshold);
        if (analyse)
        {
            (_reference, _current) = (_current, _reference);
            _width = frame.Width;
            _height = frame.Height;
            _analysedAt = now;
            _hasReference = true;
        }
        return analyse;
    }

    /// <summary>The next frame is analysed whatever it shows (the last analysis failed).</summary>
    public void Forget() => _hasReference = false;

    private static bool Changed(float[] current, float[] reference, double threshold)
    {
        for (var i = 0; i < current.Length; i++)
        {
            if (Math.Abs(current[i] - reference[i]) > threshold)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Mean gray level of each 8x8 cell (cells at the right and bottom edges may be smaller).</summary>
    private static void CellMeans(GrayImage frame, ref float[] means)
    {
        var columns = (frame.Width + Cell - 1) / Cell;
        var rows = (frame.Height + Cell - 1) / Cell;
        if (means.Length != columns * rows)
        {
            means = new float[columns * rows];
        }
        var sums = columns <= 1024 ? stackalloc int[columns] : new int[columns];
        var pixels = frame.Pixels;
        for (var row = 0; row < rows; row++)
        {
            sums.Clear();
            var top = row * Cell;
            var bottom = Math.Min(top + Cell, frame.Height);
            for (var y = top; y < bottom; y++)
            {
                var line = pixels.AsSpan(y * frame.Width, frame.Width);
                for (var x = 0; x < line.Length; x++)
                {
                    sums[x / Cell] += line[x];
                }
            }
            for (var column = 0; column < columns; column++)
            {
                var cellWidth = Math.Min(Cell, frame.Width - (column * Cell));
                means[(row * columns) + column] = sums[column] / (float)(cellWidth * (bottom - top));
            }
        }
    }
}
