using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Console;

namespace EdgeEmotion.Hosting;

/// <summary>Whether standard error goes to the systemd journal: systemd sets <c>JOURNAL_STREAM</c>
/// for a unit's output. Lines written there may start with a syslog priority (sd-daemon(3)):
/// <c>&lt;3&gt;</c> error, <c>&lt;4&gt;</c> warning, so <c>journalctl -p err</c> finds them.</summary>
internal static class JournalOutput
{
    public const string Error = "<3>";
    public const string Warning = "<4>";

    public static bool IsStandardError => Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 };

    public static string Prefix(string priority) => IsStandardError ? priority : "";

    /// <summary>Logs in the systemd console format (a priority per line, no colours) when the
    /// output is the journal. AddSystemd does this only when systemd is the parent process; a
    /// unit that starts the daemon through a wrapper still writes to the journal.</summary>
    public static void ConfigureLogFormat(IServiceCollection services)
    {
        if (IsStandardError)
        {
            services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Systemd);
        }
        if (IsStandardError || SystemdHelpers.IsSystemdService())
        {
            // The journal stamps every line itself; appsettings.json's time stamp is for terminals.
            services.PostConfigure<ConsoleFormatterOptions>(o => o.TimestampFormat = null);
        }
    }
}
