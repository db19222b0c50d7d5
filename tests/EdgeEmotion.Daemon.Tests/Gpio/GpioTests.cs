using System.Device.Gpio;
using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Gpio;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// The PIR presence sensor and the status LED through System.Device.Gpio's controller on a
/// stand-in chip (<see cref="StandInGpioDriver"/>), in the daemon's own host with a real broker;
/// and the one-line refusals for a board without GPIO and for a line the chip does not have.
/// </summary>
public sealed class GpioTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private const int Sensor = 17;
    private const int Led = 27;

    private static IHost Host(StandInGpioDriver chip, params string[] args)
    {
        var builder = DaemonHost.CreateBuilder(args, etcDirectory: null);
        builder.Services.AddSingleton(sp => new GpioBoard(sp.GetRequiredService<IOptions<GpioOptions>>(), _ => chip));
        return builder.Build();
    }

    private string[] Args(TempDirectory state, string device, string source, params string[] extra) =>
    [
        "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={broker.Port}", $"--DeviceId={device}", $"--StateDirectory={state.Path}",
        $"--Source:Uri={source}", "--Aggregation:WindowSeconds=1", "--Mqtt:StatsIntervalSeconds=1", "--Detector:InputWidth=320",
        "--Mqtt:MaxReconnectSeconds=1", "--Source:RetrySeconds=0.5", .. extra,
    ];

    private static JsonElement Json(MqttRecorder.Received m) => JsonDocument.Parse(m.Payload).RootElement;

    [Fact]
    public async Task Presence_toggling_starts_and_stops_analysis_while_windows_keep_closing()
    {
        var chip = new StandInGpioDriver();
        chip.Set(Sensor, PinValue.Low); // nobody there at start
        using var state = new TempDirectory();
        const string Device = "kiosk-pir";
        await using var recorder = await MqttRecorder.StartAsync(broker.Port, $"edgeemotion/{Device}/#");
        using var host = Host(chip, Args(state, Device, $"images://{DemoPictures.Folder}?fps=10",
            $"--Gpio:PresencePin={Sensor}", "--Gpio:PresenceHoldSeconds=0"));
        await host.StartAsync(TestContext.Current.CancellationToken);
        var stats = host.Services.GetRequiredService<PipelineStats>();

        // Nobody: frames are captured (slowly) but none analysed; windows close with zero frames.
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/stats", StringComparison.Ordinal)
            && Json(m).TryGetProperty("presence", out var p) && !p.GetBoolean() && Json(m).GetProperty("frames_captured").GetInt64() >= 2, TimeSpan.FromSeconds(30));
        await recorder.WaitForAsync(m => m.Topic.EndsWith("/emotions", StringComparison.Ordinal) && Json(m).GetProperty("frames").GetInt64() == 0, TimeSpan.FromSeconds(30));
        Assert.Equal(0, stats.FramesAnalysed);

        // Someone walks up: analysis starts and stats say so.
        chip.Set(Sensor, PinValue.High);
        var arrived = DateTime.UtcNow;
        await recorder.WaitForAsync(m => m.At > arrived && m.Topic.EndsWith("/emotions", StringComparison.Ordinal) && Json(m).GetProperty("faces").GetInt64() > 0, TimeSpan.FromSeconds(30));
        await recorder.WaitForAsync(m => m.At > arrived && m.Topic.EndsWith("/stats", StringComparison.Ordinal) && Json(m).TryGetProperty("presence", out var p) && p.GetBoolean(), TimeSpan.FromSeconds(30));

        // They leave: analysis stops (the count holds still) and windows go back to zero frames.
        chip.Set(Sensor, PinValue.Low);
        await Wait.Until(() => stats.Presence == false, "the daemon to see that nobody is there");
        var left = DateTime.UtcNow;
        var analysedWhenLeft = stats.FramesAnalysed;
        await recorder.WaitForAsync(m => m.At > left.AddSeconds(1) && m.Topic.EndsWith("/emotions", StringComparison.Ordinal) && Json(m).GetProperty("frames").GetInt64() == 0, TimeSpan.FromSeconds(30));
        // At most what was under way when the sensor dropped: the channel's two frames and the one
        // being analysed (ungated, at 10 fps, the second waited for would add about ten more).
        Assert.InRange(stats.FramesAnalysed - analysedWhenLeft, 0, 3);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_led_is_on_while_publishing_blinks_slowly_without_the_broker_fast_for_a_failing_camera_and_is_off_when_stopped()
    {
        var chip = new StandInGpioDriver();
        using var camera = new MjpegServer(Path.Combine(DemoPictures.Folder, "group-10.jpg"), fps: 10);
        using var brokerForLed = new MosquittoBroker();
        using var state = new TempDirectory();
        string[] args =
        [
            "--Mqtt:Host=127.0.0.1", $"--Mqtt:Port={brokerForLed.Port}", "--DeviceId=kiosk-led", $"--StateDirectory={state.Path}",
            $"--Source:Uri={camera.Url}", "--Aggregation:WindowSeconds=1", "--Detector:InputWidth=320",
            "--Mqtt:MaxReconnectSeconds=1", "--Mqtt:TimeoutSeconds=2", "--Source:RetrySeconds=0.5", $"--Gpio:StatusLedPin={Led}",
        ];
        using var host = Host(chip, args);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var led = host.Services.GetRequiredService<StatusLedService>();

        await Wait.Until(() => led.Signal == LedSignal.Publishing && chip.Value(Led) == PinValue.High, "the LED steadily on while publishing");
        Assert.True(chip.IsOpen(Led));

        brokerForLed.Stop();
        await Wait.Until(() => led.Signal == LedSignal.BrokerUnreachable, "the LED to show the broker unreachable", TimeSpan.FromSeconds(30));
        await WaitForBlinks(chip, "slow blinking without the broker");

        brokerForLed.Start();
        await Wait.Until(() => led.Signal == LedSignal.Publishing, "the LED on again with the broker back", TimeSpan.FromSeconds(30));

        camera.Stop();
        await Wait.Until(() => led.Signal == LedSignal.CameraFailing, "the LED to show the failing camera", TimeSpan.FromSeconds(30));
        var blinks = await WaitForBlinks(chip, "fast blinking for the failing camera");
        camera.Start();
        await Wait.Until(() => led.Signal == LedSignal.Publishing, "the LED on again with the camera back", TimeSpan.FromSeconds(30));

        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(LedSignal.Off, led.Signal);
        Assert.Equal(PinValue.Low, chip.Value(Led));
        Assert.True(blinks.Count >= 4);
    }

    [Fact]
    public async Task The_led_follows_the_mqtt_sessions_connection_without_the_publisher()
    {
        var chip = new StandInGpioDriver();
        using var board = new GpioBoard(Microsoft.Extensions.Options.Options.Create(new GpioOptions { StatusLedPin = Led }), _ => chip);
        board.Open();
        using var session = new MqttSession(TimeSpan.FromSeconds(10), new MqttClientFactory());
        var stats = PipelineStatsClockTests.On(TimeProvider.System);
        stats.SourceState = SourceState.Running;
        using var led = new StatusLedService(board, session, stats, TimeProvider.System);
        await led.StartAsync(TestContext.Current.CancellationToken);

        await Wait.Until(() => led.Signal == LedSignal.BrokerUnreachable, "the LED to show no broker before the session connects");
        await session.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("kiosk-led-session").Build(), TestContext.Current.CancellationToken);
        await Wait.Until(() => led.Signal == LedSignal.Publishing && chip.Value(Led) == PinValue.High, "the LED steadily on once the session is connected");
        await session.DisconnectAsync(TestContext.Current.CancellationToken);
        await Wait.Until(() => led.Signal == LedSignal.BrokerUnreachable, "the LED to show no broker once the session is gone");

        await led.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(LedSignal.Off, led.Signal);
        Assert.Equal(PinValue.Low, chip.Value(Led));
    }

    /// <summary>Waits for the LED line to be written on and off twice from now; returns those writes.</summary>
    private static async Task<List<(int Pin, PinValue Value, DateTime At)>> WaitForBlinks(StandInGpioDriver chip, string what)
    {
        var from = DateTime.UtcNow;
        List<(int Pin, PinValue Value, DateTime At)> Since() => [.. chip.Writes.Where(w => w.Pin == Led && w.At >= from)];
        await Wait.Until(() => Since().Count >= 4, what, TimeSpan.FromSeconds(30), () => string.Join(", ", Since().Select(w => w.Value)));
        var writes = Since();
        Assert.All(writes.Zip(writes.Skip(1)), pair => Assert.NotEqual(pair.First.Value, pair.Second.Value));
        return writes;
    }

    [Fact]
    public void A_board_without_a_gpio_chip_gets_one_line_naming_the_key()
    {
        // This machine has no /dev/gpiochip*: libgpiod's driver itself fails, as on a board without GPIO.
        Assert.False(File.Exists("/dev/gpiochip0"), "this test needs a machine without /dev/gpiochip0");
        var line = Assert.Single(ConfigCheck.Refused(ConfigCheck.DemoSource, $"--Gpio:PresencePin={Sensor}"));
        Assert.StartsWith("Gpio:PresencePin: GPIO chip /dev/gpiochip0 (Gpio:Chip 0) cannot be opened on this machine", line);
        Assert.EndsWith("on a board without GPIO leave Gpio:PresencePin unset.", line);
    }

    [Fact]
    public void Nothing_touches_gpio_by_default()
    {
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource);
        Assert.True(exit == 0, output);
    }

    [Theory]
    [InlineData("--Gpio:StatusLedPin=40", "Gpio:StatusLedPin: 40 is not a line of /dev/gpiochip0 (Gpio:Chip 0), which has 28 (0 to 27).")]
    [InlineData("--Gpio:PresencePin=28", "Gpio:PresencePin: 28 is not a line of /dev/gpiochip0 (Gpio:Chip 0), which has 28 (0 to 27).")]
    public void A_line_the_chip_does_not_have_is_named_with_the_key(string setting, string expected)
    {
        var board = Board(new StandInGpioDriver(lines: 28), setting);
        Assert.Equal(expected, Assert.Throws<UserInputException>(board.Check).Message);
    }

    [Fact]
    public void The_sensor_and_the_led_cannot_share_a_line()
    {
        var board = Board(new StandInGpioDriver(), "--Gpio:StatusLedPin=17", "--Gpio:PresencePin=17");
        Assert.Equal("Gpio:StatusLedPin: 17 is also Gpio:PresencePin; the sensor and the LED need a line each.", Assert.Throws<UserInputException>(board.Check).Message);
    }

    [Fact]
    public void Bad_gpio_values_are_one_line_each()
    {
        Assert.Equal(["Gpio:PresensePin: unknown key in section Gpio; did you mean Gpio:PresencePin?"],
            ConfigCheck.Refused(ConfigCheck.DemoSource, "--Gpio:PresencePin=-1", "--Gpio:PresenceHoldSeconds=NaN", "--Gpio:PresensePin=3"));
        var lines = ConfigCheck.Refused(ConfigCheck.DemoSource, "--Gpio:PresencePin=-1", "--Gpio:PresenceHoldSeconds=NaN");
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("Gpio:PresencePin", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Gpio:PresenceHoldSeconds", StringComparison.Ordinal));
    }

    private static GpioBoard Board(StandInGpioDriver chip, params string[] args)
    {
        using var host = DaemonHost.CreateBuilder([ConfigCheck.DemoSource, .. args], etcDirectory: null).Build();
        return new GpioBoard(Microsoft.Extensions.Options.Options.Create(host.Services.GetRequiredService<IOptions<GpioOptions>>().Value), _ => chip);
    }
}

/// <summary>The LED's patterns and which state wins, as functions of time and state.</summary>
public sealed class LedSignalTests
{
    [Theory]
    [InlineData(false, SourceState.Running, true, LedSignal.Publishing)]
    [InlineData(false, SourceState.Running, false, LedSignal.BrokerUnreachable)]
    [InlineData(false, SourceState.Retrying, true, LedSignal.CameraFailing)]
    [InlineData(false, SourceState.Retrying, false, LedSignal.CameraFailing)]
    [InlineData(false, SourceState.Starting, false, LedSignal.BrokerUnreachable)]
    [InlineData(true, SourceState.Retrying, false, LedSignal.Off)]
    public void The_most_urgent_state_shows(bool stopping, SourceState source, bool connected, LedSignal expected) =>
        Assert.Equal(expected, LedSignals.Of(stopping, source, connected));

    [Theory]
    [InlineData(LedSignal.Publishing, 0, true)]
    [InlineData(LedSignal.Publishing, 1700, true)]
    [InlineData(LedSignal.Off, 0, false)]
    [InlineData(LedSignal.BrokerUnreachable, 0, true)]
    [InlineData(LedSignal.BrokerUnreachable, 999, true)]
    [InlineData(LedSignal.BrokerUnreachable, 1000, false)]
    [InlineData(LedSignal.BrokerUnreachable, 2000, true)]
    [InlineData(LedSignal.CameraFailing, 0, true)]
    [InlineData(LedSignal.CameraFailing, 100, false)]
    [InlineData(LedSignal.CameraFailing, 200, true)]
    public void Blinks_are_slow_for_the_broker_and_ten_times_faster_for_the_camera(LedSignal signal, int milliseconds, bool lit) =>
        Assert.Equal(lit, LedSignals.IsLit(signal, TimeSpan.FromMilliseconds(milliseconds)));
}
