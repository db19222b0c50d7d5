using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace EdgeEmotion.Daemon.Sources;

/// <summary>
/// An IP camera's MJPEG stream over HTTP (<c>multipart/x-mixed-replace</c>, one JPEG per part).
/// Written here rather than read through OpenCV because OpenCvSharp's official x64 runtime builds
/// FFmpeg with <c>--disable-network</c> (no HTTP or RTSP at all), and arm64 has no OpenCV
/// runtime; this needs only HttpClient and the managed JPEG decoder, on every platform.
/// User and password in the URI are sent as HTTP credentials (Basic or Digest), never logged.
/// A stream that closes or stalls is a failure (IOException), so the pipeline retries it.
/// </summary>
internal sealed class MjpegHttpSource : IFrameSource
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(10);
    private const int MaxFrameBytes = 16 * 1024 * 1024;
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly Stream _stream;
    private readonly FrameSizeLimit? _limit;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public MjpegHttpSource(SourceUri uri, FrameSizeLimit? limit = null)
    {
        Name = uri.Display;
        _limit = limit;
        var target = new Uri(uri.Target);
        // No redirects followed: .NET's handler tries a file:// Location as a host and fails with
        // "Invalid URI: The hostname could not be parsed", naming nothing, and a redirect to another
        // host would take the camera's credentials along; the refusal names where it points instead.
        var handler = new SocketsHttpHandler { ConnectTimeout = StallTimeout, AllowAutoRedirect = false };
        if (target.UserInfo.Length > 0)
        {
            var parts = target.UserInfo.Split(':', 2);
            handler.Credentials = new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
            target = new UriBuilder(target) { UserName = "", Password = "" }.Uri;
        }
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var connect = new CancellationTokenSource(StallTimeout);
            _response = _client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, connect.Token).GetAwaiter().GetResult();
            if ((int)_response.StatusCode is >= 300 and < 400)
            {
                var location = _response.Headers.TryGetValues("Location", out var values) ? string.Join(", ", values) : "nowhere";
                throw new IOException($"{Name} redirects (HTTP {(int)_response.StatusCode}) to '{CredentialMask.Apply(location)}', which is not followed; set Source:Uri to the camera's MJPEG URL itself.");
            }
            if (!_response.IsSuccessStatusCode)
            {
                throw new IOException($"{Name} answered HTTP {(int)_response.StatusCode} {_response.ReasonPhrase}.");
            }
            Boundary = BoundaryOf(_response.Content.Headers.ContentType)
                ?? throw new NotMjpegStreamException($"{Name} is not an MJPEG stream (Content-Type '{_response.Content.Headers.ContentType}'); use the camera's multipart MJPEG URL.");
            _stream = _response.Content.ReadAsStream();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _client.Dispose();
            throw new IOException($"Cannot open {Name}: {ex.GetBaseException().Message}", ex);
        }
        catch
        {
            _client.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public bool Pushes => true;

    /// <summary>The part delimiter announced by the camera, without the leading dashes.</summary>
    public string Boundary { get; }

    public GrayImage? Read(CancellationToken cancellationToken)
    {
        // Parts: "--boundary" line, headers, empty line, JPEG bytes (Content-Length if given).
        string line;
        do
        {
            line = ReadLine(cancellationToken);
        }
        while (!line.TrimStart('-').StartsWith(Boundary, StringComparison.Ordinal));
        var length = -1;
        while ((line = ReadLine(cancellationToken)).Length > 0)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out length) || length <= 0 || length > MaxFrameBytes)
                {
                    throw new InvalidDataException($"{Name}: bad Content-Length '{line[(colon + 1)..].Trim()}'.");
                }
            }
        }
        var jpeg = length > 0 ? ReadExactly(length, cancellationToken) : ReadUntilEndOfImage(cancellationToken);
        return FrameConversion.MjpegToGray(jpeg, Name, _limit);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _response.Dispose();
        _client.Dispose();
    }

    private static string? BoundaryOf(MediaTypeHeaderValue? type)
    {
        if (type?.MediaType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }
        var boundary = type.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        // Some cameras announce the boundary with its dashes.
        return string.IsNullOrEmpty(boundary) ? null : boundary.TrimStart('-');
    }

    private string ReadLine(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                Fill(cancellationToken);
            }
            var b = _buffer[_start++];
            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }
            if (line.Length > 8192)
            {
                throw new InvalidDataException($"{Name}: a header line longer than 8 KB; not an MJPEG stream.");
            }
            line.Append((char)b);
        }
    }

    private byte[] ReadExactly(int length, CancellationToken cancellationToken)
    {
        var data = new byte[length];
        var copied = 0;
        while (copied < length)
        {
            if (_start == _end)
            {
                Fill(cancellationToken);
            }
            var n = Math.Min(length - copied, _end - _start);
            Array.Copy(_buffer, _start, data, copied, n);
            _start += n;
            copied += n;
        }
        return data;
    }

    /// <summary>Without Content-Length: the JPEG runs to its end-of-image marker (FF D9), which
    /// cannot occur inside entropy-coded data (0xFF is always stuffed there).</summary>
    private byte[] ReadUntilEndOfImage(CancellationToken cancellationToken)
    {
        using var data = new MemoryStream();
        var previous = 0;
        while (data.Length < MaxFrameBytes)
        {
            if (_start == _end)
            {
                Fill(cancellationToken);
            }
            var b = _buffer[_start++];
            data.WriteByte(b);
            if (previous == 0xFF && b == 0xD9)
            {
                return data.ToArray();
            }
            previous = b;
        }
        throw new InvalidDataException($"{Name}: no end of image within {MaxFrameBytes / (1024 * 1024)} MB.");
    }

    private void Fill(CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        int n;
        try
        {
            n = _stream.ReadAsync(_buffer, stall.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"{Name} sent nothing for {StallTimeout.TotalSeconds:0} s (stream stalled).");
        }
        catch (HttpRequestException ex)
        {
            throw new IOException($"{Name}: {ex.Message}", ex);
        }
        if (n == 0)
        {
            throw new IOException($"{Name} closed the stream (camera unplugged or restarted).");
        }
        _start = 0;
        _end = n;
    }
}

/// <summary>The HTTP URL answers, but not with a multipart MJPEG stream: another kind of stream
/// (MPEG-TS, HLS, FLV …), which ffmpeg plays.</summary>
internal sealed class NotMjpegStreamException(string message) : IOException(message);
