using EdgeEmotion.Daemon.Sources;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A picture that cannot be read is the source failing (reopened with backoff, counted in
/// <c>source_failures</c>), not a malformed frame: only bytes that were read and do not decode are
/// that (issue: a read error was counted as a malformed frame and hidden).</summary>
public sealed class ImageSequenceSourceTests
{
    [Fact]
    public void A_file_that_cannot_be_read_fails_the_source_and_one_that_does_not_decode_is_malformed()
    {
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(DemoPictures.Folder, "group-20.jpg"), folder.Combine("a.jpg"));
        File.WriteAllBytes(folder.Combine("b-empty.jpg"), []);
        // Reading a process's memory from address 0 fails with EIO, as a failing disk would; root
        // (who runs the tests) reads any file, so permissions cannot stand in for it.
        File.CreateSymbolicLink(folder.Combine("c-unreadable.jpg"), "/proc/self/mem");
        using var source = new ImageSequenceSource(folder.Path, fps: 1000, loop: false);

        Assert.NotNull(source.Read(TestContext.Current.CancellationToken));
        Assert.Throws<InvalidDataException>(() => source.Read(TestContext.Current.CancellationToken));
        // An IOException, which the capture loop treats as the source failing (InvalidDataException,
        // the malformed frame, is not one).
        Assert.ThrowsAny<IOException>(() => source.Read(TestContext.Current.CancellationToken));
    }
}
