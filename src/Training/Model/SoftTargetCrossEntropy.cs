using static TorchSharp.torch;

namespace EdgeEmotion.Training.Model;

/// <summary>
/// Cross-entropy against a target distribution per face (FER+ vote shares, or one-hot FER2013
/// labels), with optional class weights and label smoothing. For one-hot targets it is PyTorch's
/// <c>CrossEntropyLoss(weight, label_smoothing)</c>: each face's loss is weighted by its class's
/// weight and the sum divided by the sum of those weights; a distribution weights each face by
/// the vote-weighted mean of the class weights. Written out because TorchSharp 0.107's
/// CrossEntropyLoss takes neither probabilities nor label smoothing.
/// </summary>
public static class SoftTargetCrossEntropy
{
    public static Tensor Compute(Tensor logits, Tensor targets, Tensor? classWeights, double smoothing)
    {
        using var scope = NewDisposeScope();
        var classes = logits.shape[1];
        var logp = nn.functional.log_softmax(logits, 1);
        var weights = classWeights ?? ones(classes, dtype: logits.dtype);
        var faceWeights = (targets * weights).sum(1);
        var targetLoss = -(targets * weights * logp).sum(1);
        var uniformLoss = -(logp * weights).sum(1) / classes;
        var perFace = ((1 - smoothing) * targetLoss) + (smoothing * uniformLoss);
        return (perFace.sum() / faceWeights.sum()).MoveToOuterDisposeScope();
    }
}
