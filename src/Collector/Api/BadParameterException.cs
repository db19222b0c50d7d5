namespace EdgeEmotion.Collector.Api;

/// <summary>A query parameter the API cannot use; answered 400 with <see cref="Exception.Message"/>,
/// one line that starts with the parameter's name.</summary>
public sealed class BadParameterException : Exception
{
    public BadParameterException(string parameter, string problem)
        : base($"{parameter}: {problem}") => Parameter = parameter;

    public BadParameterException()
    {
        Parameter = "";
    }

    public BadParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = "";
    }

    public string Parameter { get; }
}
