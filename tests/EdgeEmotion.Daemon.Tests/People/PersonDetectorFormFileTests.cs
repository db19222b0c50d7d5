using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>The int8 person detector's u8s8 form shipped as a file
/// (models/nanodet-m-416-int8-u8s8.onnx), as the emotion model's: exactly what
/// <c>edgeemotion-quantize forms</c> writes from the shipped int8 file, and the file the detector
/// runs where the CPU's rule picks u8s8 (x86 with VNNI, ARM64) instead of rewriting the weights
/// in memory.</summary>
public class PersonDetectorFormFileTests
{
    private static string U8S8Path => Int8FormFile.PathFor(PersonRecallTests.Int8Model, Int8KernelForm.U8S8);

    [Fact]
    public void The_shipped_u8s8_file_is_byte_for_byte_what_forms_writes_from_the_shipped_int8_file()
    {
        Assert.Equal(Path.Combine(RepoPaths.Models, "nanodet-m-416-int8-u8s8.onnx"), U8S8Path);
        var written = Int8FormFile.Write(File.ReadAllBytes(PersonRecallTests.Int8Model), Int8KernelForm.U8S8);
        Assert.Equal(Int8FormFile.Sha256(File.ReadAllBytes(U8S8Path)), Int8FormFile.Sha256(written));
    }

    [Fact]
    public void The_u8s8_form_runs_from_its_file_and_finds_what_the_rewrite_in_memory_finds()
    {
        using var folder = new TempDirectory();
        var alone = folder.Combine("nanodet-m-416-int8.onnx"); // shipped in one form only
        File.Copy(PersonRecallTests.Int8Model, alone);

        using var fromFile = new NanoDetPersonDetector(PersonRecallTests.Int8Model, int8Kernels: Int8KernelForm.U8S8);
        using var rewritten = new NanoDetPersonDetector(alone, int8Kernels: Int8KernelForm.U8S8);
        using var stored = new NanoDetPersonDetector(PersonRecallTests.Int8Model, int8Kernels: Int8KernelForm.U8U8);
        Assert.Equal(U8S8Path, fromFile.Weights.FormFile);
        Assert.False(fromFile.Weights.RewrittenInMemory);
        Assert.True(rewritten.Weights.RewrittenInMemory);
        Assert.Equal(Int8Weights.AsStored, stored.Weights);
        Assert.Equal(NanoDetPersonDetector.ShippedInt8Sha256, fromFile.Sha256); // the model's identity is its own file's

        foreach (var frame in PersonRecallTests.Frames().Where(f => f.Index % 8 == 0))
        {
            var gray = frame.Gray();
            Assert.Equal(rewritten.Detect(gray), fromFile.Detect(gray));
        }
    }
}
