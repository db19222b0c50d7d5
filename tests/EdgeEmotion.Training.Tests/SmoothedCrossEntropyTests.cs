using EdgeEmotion.Training.Model;
using static TorchSharp.torch;

namespace EdgeEmotion.Training.Tests;

public class SmoothedCrossEntropyTests
{
    [Fact]
    public void Without_smoothing_it_is_torch_weighted_cross_entropy()
    {
        random.manual_seed(5);
        using var logits = randn(16, 7);
        using var targets = randint(0, 7, [16], dtype: int64);
        using var weights = tensor(new float[] { 1, 4, 1.2f, 0.8f, 1, 1.5f, 1 });
        using var reference = nn.CrossEntropyLoss(weights);
        var expected = reference.call(logits, targets).item<float>();
        Assert.Equal(expected, SmoothedCrossEntropy.Compute(logits, targets, weights, 0).item<float>(), 5);
    }

    [Fact]
    public void Smoothing_mixes_in_the_mean_loss_over_all_classes()
    {
        random.manual_seed(6);
        using var logits = randn(8, 7);
        using var targets = randint(0, 7, [8], dtype: int64);
        using var logp = nn.functional.log_softmax(logits, 1);
        var ce = SmoothedCrossEntropy.Compute(logits, targets, null, 0).item<float>();
        var uniform = (-logp.mean()).item<float>();
        Assert.Equal((0.9f * ce) + (0.1f * uniform), SmoothedCrossEntropy.Compute(logits, targets, null, 0.1).item<float>(), 5);
    }
}
