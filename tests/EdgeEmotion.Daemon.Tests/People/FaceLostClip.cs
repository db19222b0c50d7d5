using OpenCvSharp;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>
/// A person whose face is lost while the body stays in view, made from a shared clip: in a run
/// of frames the face region (YuNet's box on the original frame, grown until no face is found
/// any more) is blurred, the rest of the picture left as it is.
/// Written as PNG to a folder the caller owns (a temporary one): no image leaves it.
/// </summary>
internal static class FaceLostClip
{
    /// <summary>Writes the clip's frames into <paramref name="folder"/>, blurring the face in
    /// frames <paramref name="first"/> to <paramref name="last"/>; returns the frames written.</summary>
    public static int Write(string clip, string folder, int first, int last)
    {
        var files = PeopleClipPlayer.FrameFiles(clip);
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions(), new TrackingOptions().LowScoreThreshold);
        for (var i = 0; i < files.Count; i++)
        {
            using var original = Cv2.ImRead(files[i]);
            var png = i >= first && i <= last
                ? Hidden(original, detector.Detect(ImageDecoder.ReadGray(files[i])), detector)
                    ?? throw new InvalidOperationException($"{files[i]}: a face is still found after blurring its whole head.")
                : original.ImEncode(".png");
            File.WriteAllBytes(Path.Combine(folder, $"frame-{i:000}.png"), png);
        }
        return files.Count;
    }

    /// <summary>The picture as PNG with the faces blurred over the smallest region (the face box
    /// grown in steps of a tenth) in which the detector finds no face in what the daemon decodes
    /// from that PNG, low-score ones included (they would continue the face's track): the less of
    /// the head is blurred, the less the person detector's box changes. Null when even the largest
    /// region leaves a face.</summary>
    private static byte[]? Hidden(Mat original, IReadOnlyList<DetectedFace> faces, YuNetDetector detector)
    {
        for (var grow = 0.1f; grow <= 1.01f; grow += 0.1f)
        {
            using var picture = original.Clone();
            foreach (var face in faces)
            {
                Blur(picture, face.Box, grow);
            }
            var png = picture.ImEncode(".png");
            if (detector.Detect(ImageDecoder.DecodeGray(png, "blurred")).Count == 0)
            {
                return png;
            }
        }
        return null;
    }

    private static void Blur(Mat picture, Core.Preprocessing.FaceBox box, float grow)
    {
        var x = (int)Math.Max(0, box.X - (grow * box.Width / 2));
        var y = (int)Math.Max(0, box.Y - (grow * box.Height / 2));
        var right = (int)Math.Min(picture.Width, box.X + box.Width + (grow * box.Width / 2));
        var bottom = (int)Math.Min(picture.Height, box.Y + box.Height + (grow * box.Height / 2));
        var region = new Rect(x, y, right - x, bottom - y);
        using var roi = new Mat(picture, region);
        // A kernel as wide as the face: features gone, shape of the head still a blob.
        var kernel = ((int)box.Width / 2 * 2) + 1;
        Cv2.GaussianBlur(roi, roi, new Size(kernel, kernel), 0);
        Cv2.GaussianBlur(roi, roi, new Size(kernel, kernel), 0);
    }
}
