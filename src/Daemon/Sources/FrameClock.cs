namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// Frame time as the MQTT contract defines it: for a live source (camera, stream) the capture
/// time; for a replayed file or image folder the media time, frame index / frame rate from the
/// start of play, so a replay gives the same dwell and attention on any CPU and at any analysis
/// speed (frames dropped or skipped still advance it).
/// </summary>
internal sealed class FrameClock(SourceUri uri, TimeProvider clock)
{
    private DateTimeOffset? _playStart;
    private long _index;

    /// <summary>The time of the frame just read from <paramref name="source"/>.</summary>
    public DateTimeOffset Stamp(IFrameSource source)
    {
        var fps = uri.Kind switch
        {
            SourceKind.Images => uri.Fps,
            SourceKind.VideoFile => uri.Fps > 0 ? uri.Fps : (source as FfmpegSource)?.MediaFps ?? 0,
            _ => 0,
        };
        if (fps <= 0)
        {
            return clock.GetUtcNow();
        }
        _playStart ??= clock.GetUtcNow();
        return _playStart.Value + TimeSpan.FromSeconds(_index++ / fps);
    }
}
