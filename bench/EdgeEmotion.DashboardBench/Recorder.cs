using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using EdgeEmotion.Tests;
using MQTTnet;

namespace EdgeEmotion.DashboardBench;

/// <summary>`record`: the real daemon on the demo pictures (2-second windows, live faces on),
/// on its embedded broker, for the given seconds; every message it publishes is kept.</summary>
public static class Recorder
{
    public const string Device = "recorded";

    public static async Task<int> RunAsync(string output, int seconds)
    {
        using var state = new TempDirectory();
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "edgeemotion-daemon.dll"), $"--Source:Uri=images://{Path.Combine(RepoPaths.Root, "samples", "demo")}?fps=5",
            $"--Mqtt:Port={port}", $"--DeviceId={Device}", $"--StateDirectory={state.Path}", "--Aggregation:WindowSeconds=2",
            "--Mqtt:PublishFaces=true", "--Mqtt:StatsIntervalSeconds=30",
        })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment.Remove("NOTIFY_SOCKET");
        using var daemon = Process.Start(start)!;
        daemon.OutputDataReceived += (_, _) => { };
        daemon.ErrorDataReceived += (_, _) => { };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        if (!LoopbackPort.WaitUntilListening(port, TimeSpan.FromSeconds(60)))
        {
            daemon.Kill();
            Console.Error.WriteLine("The daemon's embedded broker did not start.");
            return 2;
        }
        var messages = new ConcurrentQueue<RecordedMessage>();
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            messages.Enqueue(new RecordedMessage(e.ApplicationMessage.Topic.Split('/')[^1], Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).Build());
        await client.SubscribeAsync($"edgeemotion/{Device}/#");
        await Task.Delay(TimeSpan.FromSeconds(seconds)); // recording length, not a wait for a condition
        Process.Start("kill", ["-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        daemon.WaitForExit();
        RecordedMessage.Save(output, messages);
        Console.WriteLine($"{messages.Count} messages ({string.Join(", ", messages.GroupBy(m => m.Kind).Select(g => $"{g.Count()} {g.Key}"))}) -> {output}");
        return 0;
    }
}
