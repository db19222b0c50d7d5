using EdgeEmotion.Core;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Section <c>Reports</c>: the time zone of the summary's local hours, days and weeks.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>An IANA name (Europe/Berlin); empty for the system's.</summary>
    public string TimeZone { get; set; } = "";

    public TimeZoneInfo Resolve()
    {
        if (TimeZone.Length == 0)
        {
            return TimeZoneInfo.Local;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UserInputException($"{Section}:TimeZone: '{TimeZone}' is not a time zone of this system (an IANA name such as Europe/Berlin, or empty for the system's).", ex);
        }
    }
}
