using EdgeEmotion.Training.Commands;

[assembly: AssemblyFixture(typeof(EdgeEmotion.Training.Tests.OneTorchThread))]

namespace EdgeEmotion.Training.Tests;

/// <summary>Libtorch runs these tests on one thread. With its default, one OpenMP thread per core,
/// a thread waiting for work spins, and the test projects run side by side on two cores: there the
/// spinning doubled this project's CPU time (104 s against 54 s alone) and took it from the other
/// projects. The tests' tiny networks gain nothing from a second thread.</summary>
public sealed class OneTorchThread
{
    public OneTorchThread() => TorchSetup.UseThreads(1);
}
