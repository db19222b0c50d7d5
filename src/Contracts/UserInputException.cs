// Namespace kept from EdgeEmotion.Core, where every program has always found it: it lives in this
// dependency-free assembly so that the hosting library (and the collector) can map it to exit
// code 2 without OnnxRuntime, and no file that throws it had to change.
namespace EdgeEmotion.Core;

/// <summary>Bad input from whoever runs a program (a file, a data set, an option, a setting): its
/// message is one line that names the file or option, the value and the rule. The training tool,
/// the quantizer, the daemon and the collector print it and exit with <see cref="ExitCode"/>; any
/// other exception is a bug and keeps its stack trace.</summary>
public sealed class UserInputException : Exception
{
    /// <summary>The exit code of every program for bad input.</summary>
    public const int ExitCode = 2;

    /// <summary>Runs a desktop tool's command line: bad input becomes one line on
    /// <paramref name="errors"/> and <see cref="ExitCode"/>.</summary>
    public static int ExitCodeOf(Func<int> run, TextWriter errors)
    {
        try
        {
            return run();
        }
        catch (UserInputException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return ExitCode;
        }
    }

    public UserInputException()
    {
    }

    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
