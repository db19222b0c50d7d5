using System.Text.Json;

namespace EdgeEmotion.Quantize.Commands;

internal static class Shared
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
