using System.Device.Gpio;
using EdgeEmotion.Daemon.Diagnostics;

namespace EdgeEmotion.Daemon.Gpio;

/// <summary>Drives the status LED on <c>Gpio:StatusLedPin</c> from the broker connection's and the
/// camera's state (<see cref="LedSignals"/>); writes the line only when it changes, and turns it
/// off when the daemon stops. Does nothing without a pin. It reads the connection off the daemon's
/// one <see cref="MqttSession"/>, the thing that knows it, not off the publishing loop.</summary>
internal sealed class StatusLedService(GpioBoard board, MqttSession broker, PipelineStats stats, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private bool? _lit;

    /// <summary>What the LED shows now.</summary>
    public LedSignal Signal { get; private set; } = LedSignal.Off;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (board.Options.StatusLedPin is null)
        {
            return;
        }
        var since = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var signal = LedSignals.Of(stopping: false, stats.SourceState, broker.IsConnected);
            if (signal != Signal)
            {
                Signal = signal;
                since = clock.GetTimestamp(); // a blink starts lit, so a change shows at once
            }
            Show(LedSignals.IsLit(signal, clock.GetElapsedTime(since)));
            try
            {
                await Task.Delay(Tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (board.Options.StatusLedPin is not null)
        {
            Signal = LedSignal.Off;
            Show(false);
        }
    }

    private void Show(bool lit)
    {
        if (_lit != lit)
        {
            board.Write(board.Options.StatusLedPin!.Value, lit ? PinValue.High : PinValue.Low);
            _lit = lit;
        }
    }
}
