namespace EdgeEmotion.Daemon.Broker;

/// <summary>Random bytes from the Linux kernel's random source (/dev/urandom, the source
/// getrandom(2) draws from), for secrets that must not be guessed.</summary>
internal static class KernelRandom
{
    public static string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        using (var source = File.OpenRead("/dev/urandom"))
        {
            source.ReadExactly(buffer);
        }
        return Convert.ToHexString(buffer);
    }
}
