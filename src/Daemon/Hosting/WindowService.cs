using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>Closes the aggregation window on schedule and puts it in the outbox; on
/// shutdown (SIGTERM) the current, partial window is closed and kept too. It looks at least once a
/// window length, so that a wall clock stepped back is met within one window (the aggregator then
/// cuts the window short), not after the step's length.</summary>
internal sealed partial class WindowService(WindowAggregator aggregator, VisitorTracking visitors, MessageStreams streams, EmotionPayloadWriter payloads, TimeProvider clock, ILogger<WindowService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var wait = aggregator.CurrentEnd - now;
            if (now < aggregator.CurrentStart)
            {
                LogSteppedBack(logger, (aggregator.CurrentStart - now).TotalSeconds);
                wait = TimeSpan.Zero;
            }
            wait = wait < aggregator.Length ? wait : aggregator.Length;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (aggregator.CloseIfDue() is { } window)
            {
                Enqueue(window);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (aggregator.CloseIfDue(force: true) is { } window)
        {
            Enqueue(window);
        }
    }

    private void Enqueue(EmotionWindow window)
    {
        var closed = window with { Visitors = visitors.Window.Close() };
        streams.Windows.Enqueue(seq => payloads.Write(closed, seq));
    }

    [LoggerMessage(0, LogLevel.Warning, "The wall clock stepped back by {Seconds:F1} s: the current window is cut short and the next starts at the new time")]
    private static partial void LogSteppedBack(ILogger logger, double seconds);
}
