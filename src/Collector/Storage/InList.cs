namespace EdgeEmotion.Collector.Storage;

/// <summary>A parameter per value ("@d0", "@d1", …) for a batch's devices in one statement: in a
/// list (<c>IN (@d0, @d1)</c>) or as rows (<c>VALUES (@d0), (@d1)</c>). A batch holds at most a
/// few thousand, far below either provider's parameter limit.</summary>
internal sealed class InList
{
    private readonly string[] _names;

    public InList(string prefix, IReadOnlyList<string> values)
    {
        _names = [.. Enumerable.Range(0, values.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}"))];
        Parameters = [.. _names.Select((name, i) => (name[1..], (object?)values[i]))];
    }

    public (string Name, object? Value)[] Parameters { get; }

    /// <summary>"@d0, @d1".</summary>
    public string List => string.Join(", ", _names);

    /// <summary>"(@d0), (@d1)".</summary>
    public string Rows => string.Join(", ", _names.Select(n => $"({n})"));
}
