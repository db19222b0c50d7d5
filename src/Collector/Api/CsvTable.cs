using System.Text;

namespace EdgeEmotion.Collector.Api;

/// <summary>
/// CSV as RFC 4180 has it (comma, CRLF, fields quoted when they hold a comma, quote or line
/// break), numbers and times in invariant form. Hand-written: writing is these few lines, and
/// the CSV libraries' weight is in reading and mapping, which the API does not need.
/// </summary>
public sealed class CsvTable(params IEnumerable<string> header)
{
    private readonly StringBuilder _text = new StringBuilder().Append(Line(header.Cast<object?>()));

    public CsvTable Row(params IEnumerable<object?> fields)
    {
        _text.Append(Line(fields));
        return this;
    }

    public override string ToString() => _text.ToString();

    private static string Line(IEnumerable<object?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFzzz", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
