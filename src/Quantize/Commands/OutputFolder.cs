namespace EdgeEmotion.Quantize.Commands;

/// <summary>The <c>--out</c> folder of a command, made before the work (minutes of benchmarking or
/// evaluation) rather than found missing after it; one that cannot be made is one line.</summary>
internal static class OutputFolder
{
    public static void Create(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UserInputException($"--out: cannot create the folder '{folder}': {ex.Message}", ex);
        }
    }
}
