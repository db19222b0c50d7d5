using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>Closes the aggregation window on schedule and puts it in the outbox; on
/// shutdown (SIGTERM) the current, partial window is closed and kept too.</summary>
internal sealed class WindowService(WindowAggregator aggregator, VisitorTracking visitors, MessageStreams streams, EmotionPayloadWriter payloads, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = aggregator.CurrentEnd - clock.GetUtcNow();
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
}
