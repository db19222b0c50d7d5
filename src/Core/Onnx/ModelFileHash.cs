using Org.BouncyCastle.Crypto.Digests;

namespace EdgeEmotion.Core.Onnx;

/// <summary>
/// The sha256 of a model file, as the model cards and the daemon's messages give it. Computed by
/// BouncyCastle's managed digest rather than .NET's <c>SHA256</c>: on Linux that one loads
/// OpenSSL's libcrypto, 3.4 MB of resident memory for as long as the daemon runs, when hashing
/// two model files at start is all the daemon would need it for (README, "Memory over time").
/// </summary>
public static class ModelFileHash
{
    /// <summary>Lower-case hexadecimal sha256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes)
    {
        var digest = new Sha256Digest();
        digest.BlockUpdate(bytes);
        Span<byte> hash = stackalloc byte[32];
        digest.DoFinal(hash);
        return Convert.ToHexStringLower(hash);
    }
}
