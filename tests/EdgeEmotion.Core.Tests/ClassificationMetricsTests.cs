using EdgeEmotion.Core.Evaluation;

namespace EdgeEmotion.Core.Tests;

public class ClassificationMetricsTests
{
    [Fact]
    public void Accuracy_recall_and_macro_f1_follow_their_definitions()
    {
        byte[] truth = [0, 0, 1, 1, 2, 3, 4, 5, 6, 6];
        int[] predicted = [0, 1, 1, 1, 2, 3, 4, 5, 6, 0];
        var m = ClassificationMetrics.From(truth, predicted);
        Assert.Equal(0.8, m.Accuracy, 10);
        Assert.Equal(0.5, m.Recall[0], 10);
        Assert.Equal(0.5, m.Precision[0], 10);
        Assert.Equal(2.0 / 3, m.Precision[1], 10);
        Assert.Equal(1, m.Confusion[0][1]);
        Assert.Equal(1, m.Confusion[6][0]);
        var f1Angry = 0.5;
        var f1Disgust = 2 * (2.0 / 3) * 1 / ((2.0 / 3) + 1);
        var f1Neutral = 2 * 0.5 * 1 / 1.5;
        Assert.Equal((f1Angry + f1Disgust + 4 + f1Neutral) / 7, m.MacroF1, 10);
    }
}
