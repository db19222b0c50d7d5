using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.People;

namespace EdgeEmotion.Quantize.People;

/// <summary>The person detector's calibration set: every <c>every</c>-th frame (from the first)
/// of each clip folder, decoded gray as the daemon's sources deliver frames, and put into
/// NanoDet's input by the daemon's own path, Core's <see cref="NanoDetInput"/> (letterboxed, normalized).</summary>
public static class ClipCalibrationFrames
{
    public static IReadOnlyList<string> Select(string clipsRoot, int every)
    {
        if (!Directory.Exists(clipsRoot))
        {
            throw new UserInputException($"--clips: folder '{clipsRoot}' not found.");
        }
        if (every < 1)
        {
            throw new UserInputException($"--every: {every} must be 1 or more.");
        }
        var files = Directory.GetDirectories(clipsRoot).Order(StringComparer.Ordinal)
            .SelectMany(clip => Directory.GetFiles(clip, "*.jpg").Order(StringComparer.Ordinal).Where((_, i) => i % every == 0))
            .ToList();
        return files.Count > 0 ? files : throw new UserInputException($"--clips: no *.jpg frames in the folders of '{clipsRoot}'.");
    }

    public static CalibrationInputs Tensors(IReadOnlyList<string> files)
    {
        var input = new NanoDetInput();
        var values = new float[files.Count * input.Tensor.Length];
        for (var i = 0; i < files.Count; i++)
        {
            var gray = ImageDecoder.ReadGray(files[i]);
            input.Write(BgrPlanes.FromGray(gray), InputPlacement.Fit(gray.Width, gray.Height, NanoDetInput.Side, PersonInputFit.Letterbox));
            input.Tensor.CopyTo(values, i * input.Tensor.Length);
        }
        // NanoDet's graph has a fixed batch of one.
        return new CalibrationInputs([3, NanoDetInput.Side, NanoDetInput.Side], values, BatchSize: 1);
    }
}
