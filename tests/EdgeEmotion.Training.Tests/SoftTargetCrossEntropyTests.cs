using static TorchSharp.torch;

namespace EdgeEmotion.Training.Tests;

public class SoftTargetCrossEntropyTests
{
    private static Tensor OneHot(Tensor labels) => nn.functional.one_hot(labels, 7).to_type(float32);

    [Fact]
    public void For_one_hot_votes_it_is_torch_cross_entropy()
    {
        random.manual_seed(4);
        using var logits = randn(16, 7);
        using var labels = randint(0, 7, [16], dtype: int64);
        var expected = nn.functional.cross_entropy(logits, labels).item<float>();
        Assert.Equal(expected, SoftTargetCrossEntropy.Compute(logits, OneHot(labels), null, 0).item<float>(), 5);
    }

    [Fact]
    public void For_one_hot_votes_with_class_weights_it_is_torch_weighted_cross_entropy()
    {
        random.manual_seed(5);
        using var logits = randn(16, 7);
        using var labels = randint(0, 7, [16], dtype: int64);
        using var weights = tensor(new float[] { 1, 4, 1.2f, 0.8f, 1, 1.5f, 1 });
        using var reference = nn.CrossEntropyLoss(weights);
        var expected = reference.call(logits, labels).item<float>();
        Assert.Equal(expected, SoftTargetCrossEntropy.Compute(logits, OneHot(labels), weights, 0).item<float>(), 5);
    }

    [Fact]
    public void Smoothing_mixes_in_the_mean_loss_over_all_classes()
    {
        random.manual_seed(6);
        using var logits = randn(8, 7);
        using var labels = randint(0, 7, [8], dtype: int64);
        using var logp = nn.functional.log_softmax(logits, 1);
        var ce = SoftTargetCrossEntropy.Compute(logits, OneHot(labels), null, 0).item<float>();
        var uniform = (-logp.mean()).item<float>();
        Assert.Equal((0.9f * ce) + (0.1f * uniform), SoftTargetCrossEntropy.Compute(logits, OneHot(labels), null, 0.1).item<float>(), 5);
    }

    [Fact]
    public void Vote_shares_give_the_cross_entropy_of_the_distribution_and_its_minimum_at_the_votes()
    {
        // Seven votes neutral, three sad: the loss is -(0.7 log p_neutral + 0.3 log p_sad), lowest when p = votes.
        var votes = new float[7];
        votes[6] = 0.7f;
        votes[4] = 0.3f;
        using var targets = tensor(votes).reshape(1, 7);
        using var matching = log(targets.clamp_min(1e-9f));
        using var confident = tensor(new float[] { 0, 0, 0, 0, 0, 0, 8 }).reshape(1, 7);
        var atVotes = SoftTargetCrossEntropy.Compute(matching, targets, null, 0).item<float>();
        var expected = -((0.7 * Math.Log(0.7)) + (0.3 * Math.Log(0.3)));
        Assert.Equal(expected, atVotes, 4);
        Assert.True(SoftTargetCrossEntropy.Compute(confident, targets, null, 0).item<float>() > atVotes + 0.5);
    }
}
