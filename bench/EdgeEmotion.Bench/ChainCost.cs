namespace EdgeEmotion.Bench;

/// <summary>Frames through the chain in one block and what they cost: the analysis thread's CPU
/// time (OnnxRuntime with one intra-op thread computes on it), the process's, and wall-clock.</summary>
internal sealed record ChainBlock(int Frames, int PersonRuns, double ThreadCpuMs, double ProcessCpuMs, double WallMs);

/// <summary>The blocks of one setting added up.</summary>
internal sealed class ChainTotals
{
    public int Frames { get; private set; }
    public int PersonRuns { get; private set; }
    public double ThreadCpuMs { get; private set; }
    public double ProcessCpuMs { get; private set; }
    public double WallMs { get; private set; }

    public void Add(ChainBlock b)
    {
        Frames += b.Frames;
        PersonRuns += b.PersonRuns;
        ThreadCpuMs += b.ThreadCpuMs;
        ProcessCpuMs += b.ProcessCpuMs;
        WallMs += b.WallMs;
    }
}
