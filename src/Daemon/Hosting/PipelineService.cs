using System.Diagnostics;
using System.Threading.Channels;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Analysis;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Gpio;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Sources;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Hosting;

/// <summary>
/// Owns the frame loop: a capture task reads the source at up to <c>Source:TargetFps</c> into a
/// channel of two frames; when analysis is slower the newest frame is dropped and counted, so
/// nothing queues without bound. The analysis task hands each frame to the
/// <see cref="FrameAnalyzer"/> and reports to the watchdog. A failing
/// source is reopened with backoff from <c>Source:RetrySeconds</c> up to 30 s, logged once per outage.
/// </summary>
internal sealed partial class PipelineService(
    FrameSourceFactory sources,
    FrameAnalyzer analyzer,
    EmotionClassifier classifier,
    PresenceSensor presence,
    PipelineStats stats,
    LoopHeartbeats heartbeats,
    TimeProvider clock,
    IOptions<SourceOptions> sourceOptions,
    IOptions<ModelOptions> modelOptions,
    Int8KernelChoice int8Kernels,
    CpuFeatures cpu,
    IHostApplicationLifetime lifetime,
    ILogger<PipelineService> logger) : BackgroundService
{
    private readonly Channel<CapturedFrame> _frames = Channel.CreateBounded<CapturedFrame>(
        new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private static readonly TimeSpan AbsentPoll = TimeSpan.FromMilliseconds(100);
    private volatile bool _ended;

    /// <summary>How long disposing waits for a frame still inside the detector or the model.</summary>
    private static readonly TimeSpan AnalysisDrainLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The container disposes this service before the detector and classifier it was made with
    /// (reverse order of creation). When stopping outlasted the host's shutdown timeout (a slow
    /// board under load), a frame can still be inside OnnxRuntime here; freeing its session under
    /// a running inference crashed the process once (SIGSEGV in libonnxruntime). So wait for the
    /// loops, which see the cancellation after the frame, before anything they use is freed.
    /// </summary>
    public override void Dispose()
    {
        base.Dispose();
        if (ExecuteTask is not { IsCompleted: false } loops)
        {
            return;
        }
        LogDraining(logger, AnalysisDrainLimit.TotalSeconds);
        try
        {
            loops.Wait(AnalysisDrainLimit);
        }
        catch (AggregateException)
        {
            // A loop that failed was already logged by the host when it stopped.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(logger, DaemonVersion.Current, modelOptions.Value.Path, Int8KernelSelection.Describe(classifier.Model, int8Kernels, cpu));
        stats.Int8Kernels = classifier.Model.Int8Kernels is { } form ? Int8KernelRule.Name(form) : null;
        // The models are loaded (this service was made with them): what loading left behind goes now.
        LogStartupRelease(logger, StartupHeapRelease.Run() / 1048576.0);
        var capture = Task.Factory.StartNew(() => CaptureLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var analysis = Task.Factory.StartNew(() => AnalysisLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        try
        {
            await Task.WhenAll(capture, analysis);
        }
        finally
        {
            // Stopping or at the end of a recording: visits still open end at their last sighting and
            // are queued before the last window and 'offline' (this service stops before the window
            // service and the publisher).
            analyzer.EndAll();
        }
        if (_ended && !stoppingToken.IsCancellationRequested)
        {
            // A recording played once is a finished job: stop cleanly (the last window is flushed
            // and published, exit code 0) rather than idle until the watchdog restarts the service
            // and the recording is counted again.
            LogSourceAnalysed(logger);
            lifetime.StopApplication();
        }
    }

    private void CaptureLoop(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(1 / sourceOptions.Value.TargetFps);
        var retry = TimeSpan.FromSeconds(sourceOptions.Value.RetrySeconds);
        var maxRetrySeconds = Math.Max(sourceOptions.Value.RetrySeconds, 30);
        IFrameSource? source = null;
        var frameClock = new FrameClock(sources.Uri, clock);
        var lastAccepted = 0L;
        var failing = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (source is null)
                    {
                        source = sources.Open(stoppingToken);
                        stats.SourceState = SourceState.Running;
                        if (failing)
                        {
                            LogSourceBack(logger, source.Name);
                        }
                        else
                        {
                            LogSourceOpened(logger, source.Name);
                        }
                        failing = false;
                        retry = TimeSpan.FromSeconds(sourceOptions.Value.RetrySeconds);
                    }
                    var frame = source.Read(stoppingToken);
                    if (frame is null)
                    {
                        LogSourceEnded(logger, source.Name);
                        stats.SourceState = SourceState.Ended;
                        _ended = true;
                        break;
                    }
                    stats.Captured();
                    var captured = new CapturedFrame(frame, frameClock.Stamp(source));
                    if (!Present(source, stoppingToken))
                    {
                        continue;
                    }
                    var now = Stopwatch.GetTimestamp();
                    if (sources.Uri.Realtime && lastAccepted != 0 && Stopwatch.GetElapsedTime(lastAccepted, now) < interval * 0.95)
                    {
                        continue; // Faster than the target rate: this frame is not needed.
                    }
                    if (!sources.Uri.Realtime)
                    {
                        // A recording replayed for analysis: wait for the analysis, drop nothing.
                        _frames.Writer.WriteAsync(captured, stoppingToken).AsTask().GetAwaiter().GetResult();
                        lastAccepted = now;
                    }
                    else if (_frames.Writer.TryWrite(captured))
                    {
                        lastAccepted = now;
                    }
                    else
                    {
                        stats.Dropped();
                    }
                }
                catch (InvalidDataException ex)
                {
                    // A truncated or corrupt frame (e.g. from an MJPEG stream): skip it, keep the source.
                    stats.Malformed();
                    LogMalformedFrame(logger, ex.Message);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    stats.SourceFailed();
                    stats.SourceState = SourceState.Retrying;
                    if (!failing)
                    {
                        // The reason may come from a library that quotes the URL (an HTTP client's error): masked too.
                        LogSourceFailed(logger, sources.Uri.Display, CredentialMask.InText(ex.Message.TrimEnd('.'), sources.Uri.Target), retry.TotalSeconds, maxRetrySeconds);
                        failing = true;
                    }
                    source?.Dispose();
                    source = null;
                    stoppingToken.WaitHandle.WaitOne(retry);
                    heartbeats.FrameLoop.Beat();
                    retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, maxRetrySeconds));
                }
                catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    // Stopping cut an open or a read short (ffmpeg is stopped with it): not a failure.
                    break;
                }
            }
        }
        finally
        {
            source?.Dispose();
            _frames.Writer.TryComplete();
        }
    }

    /// <summary>With a PIR sensor: while nobody is there the frame is not analysed (windows still
    /// close, with zero frames) and a source that captures when asked is read once a second; the
    /// source stays open, so its failures still show, and analysis resumes with the next frame.</summary>
    private bool Present(IFrameSource source, CancellationToken stoppingToken)
    {
        if (!presence.Enabled)
        {
            return true;
        }
        var present = presence.IsPresent();
        stats.Presence = present;
        if (present)
        {
            return true;
        }
        heartbeats.FrameLoop.Beat(); // idle by design, not hung: the watchdog keeps being fed
        if (!source.Pushes)
        {
            var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            while (Stopwatch.GetTimestamp() < until && !stoppingToken.IsCancellationRequested && !presence.IsPresent())
            {
                stoppingToken.WaitHandle.WaitOne(AbsentPoll);
            }
        }
        return false;
    }

    private async Task AnalysisLoop(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (frame, time) in _frames.Reader.ReadAllAsync(stoppingToken))
            {
                if (analyzer.Analyse(frame, time) != FrameOutcome.Malformed)
                {
                    heartbeats.FrameLoop.Beat();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(0, LogLevel.Information, "Stopping outlasted the shutdown timeout; waiting up to {Seconds} s for the frame under analysis before freeing the models.")]
    private static partial void LogDraining(ILogger logger, double seconds);

    [LoggerMessage(0, LogLevel.Information, "edgeemotion {Version} starting: classifier {Model} runs {Kernels}")]
    private static partial void LogStarting(ILogger logger, string version, string model, string kernels);

    [LoggerMessage(0, LogLevel.Debug, "Start-up garbage collected: {Megabytes:F1} MB given back")]
    private static partial void LogStartupRelease(ILogger logger, double megabytes);

    [LoggerMessage(0, LogLevel.Information, "Every frame of the source is analysed; stopping.")]
    private static partial void LogSourceAnalysed(ILogger logger);

    [LoggerMessage(0, LogLevel.Information, "Source {Source} opened")]
    private static partial void LogSourceOpened(ILogger logger, string source);

    [LoggerMessage(0, LogLevel.Information, "Source {Source} is back")]
    private static partial void LogSourceBack(ILogger logger, string source);

    [LoggerMessage(0, LogLevel.Information, "Source {Source} ended")]
    private static partial void LogSourceEnded(ILogger logger, string source);

    [LoggerMessage(0, LogLevel.Debug, "Skipped a malformed frame: {Reason}")]
    private static partial void LogMalformedFrame(ILogger logger, string reason);

    [LoggerMessage(0, LogLevel.Warning, "Source {Source} failed: {Reason}. Retrying with backoff from {Seconds}s up to {Max}s.")]
    private static partial void LogSourceFailed(ILogger logger, string source, string reason, double seconds, double max);
}
