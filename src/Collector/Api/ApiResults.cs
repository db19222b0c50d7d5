namespace EdgeEmotion.Collector.Api;

/// <summary>One answer in the format asked for.</summary>
internal static class ApiResults
{
    public static IResult Answer(OutputFormat format, object json, Func<CsvTable> csv) =>
        format == OutputFormat.Csv
            ? Results.Text(csv().ToString(), "text/csv; charset=utf-8")
            : Results.Json(json, ApiJson.Options);
}
