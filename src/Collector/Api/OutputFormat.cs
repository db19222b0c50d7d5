namespace EdgeEmotion.Collector.Api;

/// <summary><c>?format=</c>: JSON (the default) or CSV for a spreadsheet.</summary>
public enum OutputFormat
{
    Json,
    Csv,
}
