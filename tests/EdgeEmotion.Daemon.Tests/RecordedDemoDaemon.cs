using Microsoft.Extensions.Logging;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The daemon's host in the test's process, playing the demo pictures at 10 frames/s to a
/// broker port nobody listens on, with every log line recorded: for tests that watch its start
/// and stop rather than what it publishes.</summary>
internal static class RecordedDemoDaemon
{
    public static (HostApplicationBuilder Builder, OutboxTests.RecordingLogger Log) Create(string deviceId, string stateDirectory)
    {
        var builder = DaemonHost.CreateBuilder(
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={LoopbackPort.Free()}", $"--DeviceId={deviceId}", $"--StateDirectory={stateDirectory}",
            $"--Source:Uri=images://{DemoPictures.Folder}?fps=10",
        ], etcDirectory: null);
        var log = new OutboxTests.RecordingLogger();
        builder.Logging.AddProvider(new OneLoggerProvider(log));
        return (builder, log);
    }

    /// <summary>Every category to the one recording logger.</summary>
    private sealed class OneLoggerProvider(ILogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
