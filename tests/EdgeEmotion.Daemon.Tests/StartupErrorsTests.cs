using System.Reflection;
using EdgeEmotion.Core;
using EdgeEmotion.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>One user-error type: only <see cref="UserInputException"/> (and the settings' own
/// lines) becomes a line and exit code 2, also inside the exceptions that wrap it; an IOException or
/// InvalidOperationException from anywhere else is a bug and keeps its stack trace.</summary>
public sealed class StartupErrorsTests
{
    [Fact]
    public void A_user_error_is_one_line_also_inside_a_wrapping_exception()
    {
        var bad = new UserInputException("Source:Uri 'x' has no scheme.");
        Assert.Equal(["Source:Uri 'x' has no scheme."], StartupErrors.Describe(bad));
        Assert.Equal(["Source:Uri 'x' has no scheme."], StartupErrors.Describe(new AggregateException(bad)));
        Assert.Equal(["Source:Uri 'x' has no scheme."], StartupErrors.Describe(new TargetInvocationException(bad)));
    }

    [Theory]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(InvalidDataException))]
    [InlineData(typeof(FormatException))]
    [InlineData(typeof(FileNotFoundException))]
    public void Any_other_exception_is_not_a_user_error(Type type)
    {
        var ex = (Exception)Activator.CreateInstance(type, "something went wrong")!;
        Assert.Null(StartupErrors.Describe(ex));
        Assert.Null(StartupErrors.Describe(new AggregateException(ex)));
    }

    [Fact]
    public void A_settings_file_that_is_not_json_is_named_in_one_line()
    {
        using var etc = new TempDirectory();
        File.WriteAllText(etc.Combine("edgeemotion.json"), """{ "Mqtt": { "Host": """);
        Assert.Equal([$"Failed to load configuration from file '{etc.Combine("edgeemotion.json")}'."], ConfigCheck.RefusedWith(etc.Path, ConfigCheck.DemoSource));
    }
}
