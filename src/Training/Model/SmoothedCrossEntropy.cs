using static TorchSharp.torch;

namespace EdgeEmotion.Training.Model;

/// <summary>Class-weighted cross-entropy with label smoothing, as PyTorch's
/// <c>CrossEntropyLoss(weight, label_smoothing)</c> defines it; TorchSharp 0.107's
/// CrossEntropyLoss has no label smoothing, so it is written out here.</summary>
public static class SmoothedCrossEntropy
{
    public static Tensor Compute(Tensor logits, Tensor targets, Tensor? classWeights, double smoothing)
    {
        using var scope = NewDisposeScope();
        var classes = logits.shape[1];
        var logp = nn.functional.log_softmax(logits, 1);
        var weights = classWeights ?? ones(classes, dtype: logits.dtype);
        var nll = -logp.gather(1, targets.unsqueeze(1)).squeeze(1);
        var targetWeights = weights.index_select(0, targets);
        var uniform = -(logp * weights).sum(1) / classes;
        var perSample = ((1 - smoothing) * targetWeights * nll) + (smoothing * uniform);
        return (perSample.sum() / targetWeights.sum()).MoveToOuterDisposeScope();
    }
}
