using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Section <c>Retention</c>: how long raw rows are kept; the hourly rollups are kept forever.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Raw visits: 400 days allow this year's day against last year's.</summary>
    [Range(1, 36_500)]
    public int VisitsDays { get; set; } = 400;

    [Range(1, 36_500)]
    public int WindowsDays { get; set; } = 35;
}
