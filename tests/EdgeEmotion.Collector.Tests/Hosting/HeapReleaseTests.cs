using EdgeEmotion.Collector.Hosting;
using EdgeEmotion.Hosting;

namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary>The collector releases its heap like the daemon (the rule and the release are tested in
/// the hosting library): a backlog's messages, held for a batch's commit, die in generation 2.</summary>
public sealed class HeapReleaseTests
{
    [Fact]
    public void The_collector_runs_the_heap_release()
    {
        using var state = new TempDirectory();
        var builder = CollectorHost.CreateBuilder([$"--StateDirectory={state.Path}", "--Http:Urls="], etcDirectory: null);

        Assert.Single(builder.Services, d => d.ImplementationType == typeof(HeapReleaseService));
    }
}
