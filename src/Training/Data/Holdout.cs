namespace EdgeEmotion.Training.Data;

/// <summary>The seeded split of the training faces into those trained on and those held out
/// (validation, temperature): a pure function of count, share and seed, so calibration after
/// training finds the same faces.</summary>
public static class Holdout
{
    public static (int[] Train, int[] HeldOut) Split(int count, double share, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed + 7919).Shuffle(order);
        var heldOut = (int)Math.Round(count * share);
        var held = order[..heldOut];
        var train = order[heldOut..];
        Array.Sort(held);
        Array.Sort(train);
        return (train, held);
    }
}
