using Onnx;

namespace EdgeEmotion.OnnxGraph;

/// <summary>
/// Reads an ONNX model file for reading only. OnnxSharp's <c>ParseFromFile</c> opens it with
/// <c>File.Open(path, FileMode.Open)</c>: read-write access and no sharing, which on Linux takes
/// an exclusive lock. Any other process reading the model at that moment (a daemon loading it,
/// the tests hashing the repository's inputs) failed with "being used by another process", and a
/// read-only model file could not be read at all.
/// </summary>
public static class OnnxFile
{
    public static ModelProto Read(string path) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
}
