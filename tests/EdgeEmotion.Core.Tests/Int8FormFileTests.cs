using Onnx;

namespace EdgeEmotion.Core.Tests;

/// <summary>The int8 model's u8s8 form shipped as a file (models/emotion-int8-u8s8.onnx): exactly
/// what <c>edgeemotion-quantize forms</c> writes from the shipped model, and the file a model loads
/// for that form instead of rewriting its weights in memory, unless it was written from another model.</summary>
public class Int8FormFileTests
{
    private static readonly string Int8Path = Path.Combine(RepoPaths.Models, "emotion-int8.onnx");
    private static readonly string U8S8Path = Path.Combine(RepoPaths.Models, "emotion-int8-u8s8.onnx");

    [Fact]
    public void The_shipped_u8s8_file_is_byte_for_byte_what_forms_writes_from_the_shipped_model()
    {
        Assert.Equal(U8S8Path, Int8FormFile.PathFor(Int8Path, Int8KernelForm.U8S8));
        var written = Int8FormFile.Write(File.ReadAllBytes(Int8Path), Int8KernelForm.U8S8);
        Assert.Equal(Int8FormFile.Sha256(File.ReadAllBytes(U8S8Path)), Int8FormFile.Sha256(written));
        Assert.Equal(written, Int8FormFile.Write(File.ReadAllBytes(Int8Path), Int8KernelForm.U8S8)); // reproducible

        var shipped = ModelProto.Parser.ParseFrom(File.ReadAllBytes(U8S8Path));
        Assert.Equal(Int8KernelForm.U8S8, WeightSignedness.Stored(shipped));
        Assert.Equal(Int8FormFile.Sha256(File.ReadAllBytes(Int8Path)), Int8FormFile.SourceOf(shipped));
        // Only the weights' signedness and the recorded source differ from the model: same graph, same real values.
        var back = WeightSignedness.Rewrite(shipped, Int8KernelForm.U8U8);
        back.MetadataProps.Remove(back.MetadataProps.Single(p => p.Key == Int8FormFile.SourceKey));
        Assert.Equal(ModelProto.Parser.ParseFrom(File.ReadAllBytes(Int8Path)), back);
    }

    [Fact]
    public void A_model_in_one_form_has_no_file_of_that_form()
    {
        Assert.Throws<InvalidDataException>(() => Int8FormFile.Write(File.ReadAllBytes(Int8Path), Int8KernelForm.U8U8));
    }

    [Fact]
    public void The_u8s8_form_runs_from_its_file_and_gives_what_the_rewrite_in_memory_gives()
    {
        using var folder = new TempDirectory();
        var alone = folder.Combine("emotion-int8.onnx"); // shipped in one form only
        File.Copy(Int8Path, alone);

        using var fromFile = EmotionModel.Load(Int8Path, 1, int8Kernels: Int8KernelForm.U8S8);
        using var rewritten = EmotionModel.Load(alone, 1, int8Kernels: Int8KernelForm.U8S8);
        using var stored = EmotionModel.Load(Int8Path, 1, int8Kernels: Int8KernelForm.U8U8);
        Assert.Equal(U8S8Path, fromFile.Weights.FormFile);
        Assert.False(fromFile.Weights.RewrittenInMemory);
        Assert.Null(rewritten.Weights.FormFile);
        Assert.True(rewritten.Weights.RewrittenInMemory);
        Assert.Null(rewritten.Weights.Ignored);
        Assert.Equal(Int8Weights.AsStored, stored.Weights);
        Assert.Equal(Int8KernelForm.U8S8, fromFile.Int8Kernels);
        Assert.Equal(stored.Sha256, fromFile.Sha256); // the model's identity is its own file's, whatever form runs

        var faces = new FaceTensors(ImageFolderReader.Read(RepoPaths.Fer2013, FerSplit.PublicTest).SamplePerClass(10, seed: 5));
        Assert.Equal(rewritten.Predict(faces.Values, faces.Count), fromFile.Predict(faces.Values, faces.Count));
    }

    [Fact]
    public void A_form_file_written_from_another_model_is_not_run_and_the_reason_is_said()
    {
        using var folder = new TempDirectory();
        var model = folder.Combine("emotion-int8.onnx");
        var otherModel = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Int8Path)); // another model: the same with one more metadata entry
        otherModel.MetadataProps.Add(new StringStringEntryProto { Key = "retrained", Value = "yes" });
        File.WriteAllBytes(model, Google.Protobuf.MessageExtensions.ToByteArray(otherModel));
        File.Copy(U8S8Path, Int8FormFile.PathFor(model, Int8KernelForm.U8S8)); // stale: written from the shipped one

        using var loaded = EmotionModel.Load(model, 1, int8Kernels: Int8KernelForm.U8S8);
        Assert.True(loaded.Weights.RewrittenInMemory);
        Assert.Null(loaded.Weights.FormFile);
        Assert.Equal($"emotion-int8-u8s8.onnx ignored: written from another model (sha256 {Int8FormFile.Sha256(File.ReadAllBytes(Int8Path))})", loaded.Weights.Ignored);
    }

    [Fact]
    public void A_form_file_whose_weights_are_not_of_its_form_is_not_run()
    {
        using var folder = new TempDirectory();
        var model = folder.Combine("emotion-int8.onnx");
        File.Copy(Int8Path, model);
        File.Copy(Int8Path, Int8FormFile.PathFor(model, Int8KernelForm.U8S8)); // named u8s8, holds u8u8

        using var loaded = EmotionModel.Load(model, 1, int8Kernels: Int8KernelForm.U8S8);
        Assert.True(loaded.Weights.RewrittenInMemory);
        Assert.Equal("emotion-int8-u8s8.onnx ignored: its weights are not u8s8", loaded.Weights.Ignored);
    }
}
