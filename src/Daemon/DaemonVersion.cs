using System.Reflection;

namespace EdgeEmotion.Daemon;

/// <summary>The version this build was stamped with (deploy/publish.sh passes the package version
/// as the informational version), as stats and Home Assistant report it. The assembly version
/// cannot carry a Debian version such as <c>1.2.3~rc1</c>; the SDK may append <c>+commit</c>,
/// which is cut off.</summary>
internal static class DaemonVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(DaemonVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return string.IsNullOrEmpty(informational)
            ? assembly.GetName().Version?.ToString() ?? "0"
            : informational.Split('+')[0];
    }
}
