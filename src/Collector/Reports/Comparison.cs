using System.Text.Json.Serialization;

namespace EdgeEmotion.Collector.Reports;

/// <summary>The answer of <c>/api/v1/compare</c> less its two periods' totals (the endpoint
/// writes those as the summary does): the interval's confidence and one row per measure.</summary>
public sealed record Comparison(double Confidence, IReadOnlyList<MeasureDifference> Differences);

/// <summary>
/// One measure in period a against period b: each side's value, a − b and its interval, and
/// whether the interval includes zero (<see cref="WithinNoise"/>: the difference may be chance).
/// Values are null where a side has nothing to measure; the interval is null where it cannot be
/// computed (too few visits, or an hour whose sums of squares were not kept).
/// </summary>
/// <param name="Measure"><c>look_rate</c>, <c>emotion_share.&lt;label&gt;</c>, <c>face_time_share.&lt;label&gt;</c>,
/// <c>dwell_s.mean</c>, <c>dwell_s.median</c>, <c>attention_s.mean</c>, <c>attention_s.median</c>, <c>visits_per_hour</c>.</param>
/// <param name="Kind"><c>share</c>, <c>mean</c>, <c>median</c> or <c>rate</c>.</param>
/// <param name="Method"><c>newcombe</c>, <c>delta</c>, <c>welch</c>, <c>price-bonett</c> or <c>poisson</c> (README: Compare).</param>
public sealed record MeasureDifference(
    string Measure,
    string Kind,
    double? A,
    double? B,
    double? Difference,
    double? Low,
    double? High,
    string Method,
    bool? WithinNoise,
    [property: JsonPropertyName("n_a")] long NA,
    [property: JsonPropertyName("n_b")] long NB);
