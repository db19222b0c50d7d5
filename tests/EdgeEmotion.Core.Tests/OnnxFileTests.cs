namespace EdgeEmotion.Core.Tests;

/// <summary>A model file another process is reading (a daemon loading it, the test run hashing the
/// repository's inputs) is read all the same: OnnxSharp's ParseFromFile took an exclusive lock and
/// failed there, and made a concurrent reader fail ("being used by another process": the package
/// tests' input hash failed that way once, and with it every package test).</summary>
public sealed class OnnxFileTests
{
    [Fact]
    public void A_model_another_reader_holds_open_is_read()
    {
        var path = Path.Combine(RepoPaths.Models, "emotion-fp32.onnx");
        // A reader's shared lock, as .NET takes it on Linux (flock locks are per open file, so one
        // taken here stands for another process's).
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);

        Assert.NotEmpty(OnnxFile.Read(path).Graph.Node);
    }
}
