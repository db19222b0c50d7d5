namespace EdgeEmotion.Training.Commands;

/// <summary>Timestamped progress lines; they read well on a terminal and in a nohup log.</summary>
public static class ConsoleLog
{
    public static void Write(string message) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
