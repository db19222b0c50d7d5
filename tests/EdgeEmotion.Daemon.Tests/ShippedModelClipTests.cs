using EdgeEmotion.Core.Labels;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Classification;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>What the shipped model says about real people, through the daemon's own detector and
/// classifier stages: the clips' README says (by eye) which expression each person shows.</summary>
public class ShippedModelClipTests
{
    [Theory]
    [InlineData("head-pose-face-detection-female", "neutral")]
    [InlineData("face-demographics-walking", "neutral")]
    [InlineData("head-pose-face-detection-male", "happy")]
    public void Most_face_frames_of_a_clip_show_the_expression_people_see_in_it(string clip, string expected)
    {
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions());
        using var classifier = new EmotionClassifier(
            EmotionModel.Load(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), 1), new FacePreprocessor(new ModelOptions().Margin));
        var tops = new int[EmotionLabels.Count];
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Shared, "data", "clips", clip), "*.jpg"))
        {
            var frame = ImageDecoder.ReadGray(file);
            var faces = detector.Detect(frame).HighScore();
            var probabilities = classifier.Classify(frame, faces);
            for (var i = 0; i < faces.Count; i++)
            {
                tops[TopClass.Of<float>(probabilities.AsSpan(i * EmotionLabels.Count, EmotionLabels.Count))]++;
            }
        }
        var faceFrames = tops.Sum();
        var shares = string.Join(", ", EmotionLabels.Names.Select((name, c) => $"{name} {tops[c]}"));
        Assert.True(faceFrames >= 10, $"{clip}: only {faceFrames} face-frames found");
        Assert.True(tops[EmotionLabels.IndexOf(expected)] * 2 > faceFrames, $"{clip}: {expected} is not the top emotion of most face-frames ({shares})");
    }
}
