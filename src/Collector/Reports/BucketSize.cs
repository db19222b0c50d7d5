namespace EdgeEmotion.Collector.Reports;

/// <summary>A summary's bucket: a local hour, day (midnight to midnight) or ISO week (from Monday).</summary>
public enum BucketSize
{
    Hour,
    Day,
    Week,
}
