namespace EdgeEmotion.Collector.Storage;

/// <summary>What one committed batch did: windows and visits stored for the first time, and
/// those already stored (redelivered at least once), which were dropped.</summary>
public readonly record struct StoreResult(int Stored, int Duplicates)
{
    public static StoreResult operator +(StoreResult a, StoreResult b) => new(a.Stored + b.Stored, a.Duplicates + b.Duplicates);

    public static StoreResult Add(StoreResult a, StoreResult b) => a + b;
}
