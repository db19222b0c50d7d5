namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary>The collector runs beside the daemon on a kiosk: its generation 0 is bounded the same way (issue 29).</summary>
public sealed class GcBoundTests
{
    [Fact]
    public void The_collectors_runtimeconfig_bounds_the_generation_0_budget() => GcBudgetAssert.Bounded("edgeemotion-collector");
}
