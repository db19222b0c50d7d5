using static TorchSharp.torch;

namespace EdgeEmotion.Training.Commands;

public static class TorchSetup
{
    public static void UseThreads(int threads) =>
        set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
}
