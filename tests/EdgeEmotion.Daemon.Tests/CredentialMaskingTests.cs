using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Sources;
using EdgeEmotion.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A camera's user name and password never reach the log, whatever form the URI takes:
/// the mask is made from the text as written, not from .NET's normalised user-info.</summary>
public class CredentialMaskingTests
{
    [Theory]
    [InlineData("rtsp://admin:Secret1@cam.local:554/stream", "rtsp://***@cam.local:554/stream")]
    [InlineData("http://admin:Secret2@10.0.0.7/video.mjpg", "http://***@10.0.0.7/video.mjpg")]
    [InlineData("https://admin:Secret3@cam/video.mjpg", "https://***@cam/video.mjpg")]
    [InlineData("http://admin:Sec%7Eret4@cam/", "http://***@cam/")]
    [InlineData("http://admin:%41Secret5@cam/", "http://***@cam/")]
    [InlineData("http://admin:Sec ret6@cam/", "http://***@cam/")]
    [InlineData("http://admin:Secret7@[bad/", "http://***@[bad/")]
    [InlineData("http://admin:Sec@ret8@cam/", "http://***@cam/")]
    [InlineData("http://admin:Sec:ret9@cam/", "http://***@cam/")]
    [InlineData("rtsps://admin:Secret10@cam/", "rtsps://***@cam/")]
    [InlineData("http://cam.local/video.mjpg", "http://cam.local/video.mjpg")]
    [InlineData("images:///data/pictures@2x", "images:///data/pictures@2x")]
    [InlineData("rtsp://admin:pw@127.0.0.1:18554/clip?password=QSECRET9&user=admin", "rtsp://***@127.0.0.1:18554/clip?password=***&user=admin")]
    [InlineData("rtsp://admin:pw@cam/clip?user=a@b&pwd=x", "rtsp://***@cam/clip?user=a@b&pwd=***")]
    [InlineData("rtsp://cam/clip?user=a@b&pwd=x", "rtsp://cam/clip?user=a@b&pwd=***")]
    [InlineData("http://cam/s.m3u8?access_token=T0k&X-Amz-Signature=S1g&api_key=K3y&secret=S3c&auth=A7h&pass=P4s#frag", "http://cam/s.m3u8?access_token=***&X-Amz-Signature=***&api_key=***&secret=***&auth=***&pass=***#frag")]
    [InlineData("http://cam/video.mjpg?resolution=640x480&fps=5", "http://cam/video.mjpg?resolution=640x480&fps=5")]
    public void The_user_info_is_masked_as_written(string uri, string shown) => Assert.Equal(shown, CredentialMask.Apply(uri));

    [Theory]
    [InlineData("http://admin:Secret7@[bad/")]
    [InlineData("rtsp2://admin:Secret10@cam/")]
    public void A_URI_that_does_not_parse_is_masked_in_its_error(string uri)
    {
        var error = Assert.Throws<UserInputException>(() => SourceUri.Parse(uri));
        Assert.DoesNotContain("Secret", error.Message);
        Assert.Contains("***@", error.Message);
    }

    /// <summary>The whole program, as it logs a camera it cannot open and retries, and as it
    /// refuses a URI it cannot parse: the secret is in neither standard output nor error.</summary>
    [Theory]
    [InlineData("http://admin:Sec%7EretA1@127.0.0.1:{port}/video.mjpg", "Sec%7EretA1", "Sec~retA1")]
    [InlineData("rtsp://admin:%41SecretB2@127.0.0.1:{port}/stream", "%41SecretB2", "ASecretB2")]
    [InlineData("https://admin:Sec retC3@127.0.0.1:{port}/", "Sec retC3", "Sec%20retC3")]
    [InlineData("http://admin:pa@ss:SecretD4@127.0.0.1:{port}/", "SecretD4", "pa@ss")]
    [InlineData("http://admin:CamSecretE5@[bad/", "CamSecretE5", "CamSecretE5")]
    [InlineData("rtsp://admin:pw@127.0.0.1:{port}/clip?password=QSECRET9&user=a@b&pwd=PwdF6", "QSECRET9", "PwdF6")]
    public async Task The_daemon_never_prints_the_camera_password(string template, string secret, string alsoSecret)
    {
        var uri = template.Replace("{port}", LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var state = new EdgeEmotion.Tests.TempDirectory();
        using var daemon = DaemonProcess.Start($"--Source:Uri={uri}", "--Mqtt:Port=0", $"--StateDirectory={state.Path}", "--Source:RetrySeconds=0.5");
        // Either the start-up error or the first retry warning: both show the masked URI.
        Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("***@", StringComparison.Ordinal) && (o.Contains("Retrying", StringComparison.Ordinal) || o.Contains("edgeemotion: ", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)), daemon.Output);
        daemon.Terminate(TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(secret, daemon.Output);
        Assert.DoesNotContain(alsoSecret, daemon.Output);
        Assert.DoesNotContain("   at ", daemon.Output);
    }

    [Fact]
    public void The_config_check_masks_secret_query_values()
    {
        var (exit, output) = ConfigCheck.Run("--Source:Uri=rtsp2://admin:pw@cam/x?user=a@b&password=QSECRET9");
        Assert.Equal(2, exit);
        var line = Assert.Single(ConfigCheck.Errors(output));
        Assert.Contains("rtsp2://***@cam/x?user=a@b&password=***", line);
        Assert.DoesNotContain("QSECRET9", output);
    }
}
