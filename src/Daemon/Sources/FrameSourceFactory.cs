using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>Opens the source that <c>Source:Uri</c> names. Relative paths are tried against
/// the working directory, then the program's folder (<see cref="AppPaths"/>).</summary>
internal sealed class FrameSourceFactory(IOptions<SourceOptions> options, ILogger<FrameSourceFactory>? logger = null)
{
    public SourceUri Uri { get; } = SourceUri.Parse(options.Value.Uri);

    /// <summary>One for the process, so a refused file or camera is logged once, not per reopening.</summary>
    private readonly FrameSizeLimit _sizeLimit = new(options.Value.MaxFramePixels, logger);

    /// <param name="cancellationToken">Ends a slow open (ffmpeg waiting for a camera's first frame) when the daemon stops.</param>
    public IFrameSource Open(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        return Uri.Kind switch
        {
            SourceKind.Images => new ImageSequenceSource(AppPaths.Resolve(Uri.Target), Uri.Fps, Uri.Loop, _sizeLimit),
            SourceKind.V4l2 => OpenV4l2(),
            SourceKind.MjpegHttp => OpenHttp(cancellationToken),
            SourceKind.VideoFile => Ffmpeg("file:" + Path.GetFullPath(AppPaths.Resolve(Uri.Target)), cancellationToken),
            SourceKind.RtspStream => Ffmpeg(Uri.Target, cancellationToken),
            _ => OpenOpenCv(),
        };
    }

    // The two sources whose libraries are large (Iot.Device.Bindings, OpenCvSharp) are made in
    // methods of their own, which the JIT compiles only when called: compiled into Open, they
    // would load those assemblies for every source, 1.5 MB resident for the life of the daemon.
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SuppressMessage("Performance", "CA1859", Justification = "The concrete return type would load its library when the caller is compiled.")]
    private IFrameSource OpenV4l2() => new V4l2Source(Uri.Target, options.Value.Width, options.Value.Height, limit: _sizeLimit);

    [MethodImpl(MethodImplOptions.NoInlining)]
    [SuppressMessage("Performance", "CA1859", Justification = "The concrete return type would load its library when the caller is compiled.")]
    private IFrameSource OpenOpenCv() => new OpenCvSource(Uri, options.Value.Width, options.Value.Height);

    /// <summary>An IP camera's MJPEG stream is read by the daemon itself; any other HTTP stream by ffmpeg.</summary>
    private IFrameSource OpenHttp(CancellationToken cancellationToken)
    {
        try
        {
            return new MjpegHttpSource(Uri, _sizeLimit);
        }
        catch (NotMjpegStreamException)
        {
            return Ffmpeg(Uri.Target, cancellationToken);
        }
    }

    private FfmpegSource Ffmpeg(string input, CancellationToken cancellationToken)
    {
        var o = options.Value;
        return new FfmpegSource(Uri, input, FfmpegProgram.Find(o.FfmpegPath, $"Source:Uri '{Uri.Display}'"),
            new FfmpegCommand(o.Width, o.Height, o.TargetFps, o.FfmpegHwAccel), TimeSpan.FromSeconds(o.StallSeconds), logger, cancellationToken);
    }

    /// <summary>Folders and files must exist at start; cameras and streams may come later.</summary>
    public void CheckTarget()
    {
        if (Uri.Kind == SourceKind.OpenCvCamera)
        {
            OpenCvNative.Require($"Source:Uri '{Uri.Display}'");
        }
        if (Uri.Kind is SourceKind.VideoFile or SourceKind.RtspStream)
        {
            FfmpegProgram.Find(options.Value.FfmpegPath, $"Source:Uri '{Uri.Display}'");
        }
        if (Uri.Kind == SourceKind.Images && !Directory.Exists(AppPaths.Resolve(Uri.Target)))
        {
            throw new UserInputException($"Source:Uri: image folder '{Uri.Target}' not found.");
        }
        if (Uri.Kind == SourceKind.Images && ImageSequenceSource.ImageFiles(AppPaths.Resolve(Uri.Target)).Length == 0)
        {
            throw new UserInputException($"Source:Uri: image folder '{Uri.Target}' has no .jpg, .jpeg, .png or .bmp files.");
        }
        if (Uri.Kind == SourceKind.VideoFile && !File.Exists(AppPaths.Resolve(Uri.Target)))
        {
            throw new UserInputException($"Source:Uri: video file '{Uri.Target}' not found.");
        }
    }
}
