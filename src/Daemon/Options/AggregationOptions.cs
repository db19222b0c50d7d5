using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Aggregation</c>.</summary>
internal sealed class AggregationOptions
{
    public const string Section = "Aggregation";

    [Range(1, 86400)]
    public double WindowSeconds { get; set; } = 10;
}
