namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>What the tracker needs from the detector: landmarks and low-score faces, without
/// changing which faces count as high-score ones.</summary>
public class DetectorForTrackingTests
{
    private static string YuNet => Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx");

    [Fact]
    public void Low_score_faces_come_marked_and_the_high_score_ones_are_unchanged()
    {
        using var plain = new YuNetDetector(YuNet, new DetectorOptions());
        using var withLow = new YuNetDetector(YuNet, new DetectorOptions(), lowScoreThreshold: 0.3);
        var lowSeen = 0;
        foreach (var file in DemoPictures.People.Keys)
        {
            var picture = ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, file));
            var high = plain.Detect(picture);
            var all = withLow.Detect(picture);
            Assert.All(high, f => Assert.True(f.IsHighScore));
            Assert.All(all, f => Assert.Equal(f.Score >= 0.7f, f.IsHighScore));
            Assert.All(all, f => Assert.InRange(f.Score, 0.3f, 1f));
            // A low-score box may suppress nothing that scores higher, so the high-score faces are the same.
            Assert.Equal(high.Select(f => f.Box).OrderBy(b => b.X).ThenBy(b => b.Y), all.HighScore().Select(f => f.Box).OrderBy(b => b.X).ThenBy(b => b.Y));
            lowSeen += all.Count(f => !f.IsHighScore);
        }
        Assert.True(lowSeen > 0, "no low-score face in any demo picture");
    }

    [Fact]
    public void Per_frame_counts_keep_the_rows_of_high_score_faces_only()
    {
        var box = new EdgeEmotion.Core.Preprocessing.FaceBox(0, 0, 10, 10);
        IReadOnlyList<DetectedFace> faces = [new(box, 0.9f), new(box, 0.4f, IsHighScore: false), new(box, 0.8f)];
        float[] rows = [1, 1, 2, 2, 3, 3];
        Assert.Equal([1f, 1, 3, 3], faces.HighScoreRows(rows, 2));
        Assert.Equal(2, faces.HighScore().Count);
        IReadOnlyList<DetectedFace> allHigh = [new(box, 0.9f)];
        Assert.Same(allHigh, allHigh.HighScore());
        Assert.Throws<ArgumentException>(() => faces.HighScoreRows([1, 2], 2));
    }

    [Fact]
    public void YuNet_landmarks_sit_on_the_face_in_order()
    {
        using var detector = new YuNetDetector(YuNet, new DetectorOptions());
        var picture = ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, "group-20.jpg"));
        var faces = detector.Detect(picture);
        Assert.NotEmpty(faces);
        foreach (var face in faces)
        {
            var l = Assert.NotNull(face.Landmarks);
            var b = face.Box;
            foreach (var p in new[] { l.RightEye, l.LeftEye, l.NoseTip, l.RightMouthCorner, l.LeftMouthCorner })
            {
                Assert.InRange(p.X, b.X, b.X + b.Width);
                Assert.InRange(p.Y, b.Y, b.Y + b.Height);
            }
            // The person's right eye is on the picture's left; eyes above the nose above the mouth.
            Assert.True(l.RightEye.X < l.LeftEye.X);
            Assert.True(l.RightMouthCorner.X < l.LeftMouthCorner.X);
            Assert.True(Math.Max(l.RightEye.Y, l.LeftEye.Y) < l.NoseTip.Y);
            Assert.True(l.NoseTip.Y < Math.Max(l.RightMouthCorner.Y, l.LeftMouthCorner.Y));
        }
    }

    [Fact]
    public void Haar_faces_have_no_landmarks_and_are_all_high_score()
    {
        using var detector = new HaarDetector(HaarDetector.DefaultCascade, new DetectorOptions());
        var faces = detector.Detect(ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, "group-20.jpg")));
        Assert.NotEmpty(faces);
        Assert.All(faces, f => Assert.Null(f.Landmarks));
        Assert.All(faces, f => Assert.True(f.IsHighScore));
    }
}
