using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Collector.Ingest;

/// <summary>Section <c>Collector</c>: how this collector takes its share of the fleet's messages.</summary>
public sealed class CollectorOptions
{
    public const string Section = "Collector";

    /// <summary>Off (the default): the collector subscribes to the topics themselves, and a broker
    /// with persistence keeps those subscriptions over its own restart. On: a shared subscription
    /// (<c>$share/{Group}/…</c>), so that several collectors split a fleet. mosquitto 2.0.11
    /// (Debian 12's) does not restore shared subscriptions when it restarts: what the devices
    /// publish after its restart and before the collectors are back is lost to them (and shows as a
    /// gap), which the topics themselves do not lose.</summary>
    public bool SharedSubscription { get; set; }

    /// <summary>With <see cref="SharedSubscription"/>, the shared subscription's group
    /// (<c>$share/{Group}/…</c>): collectors of one group split the messages between them; each
    /// message goes to one of them.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[^/#+\\u0000]+$", ErrorMessage = "must be one topic level: no '/', '+', '#' or NUL")]
    public string Group { get; set; } = "edgeemotion-collectors";

    /// <summary>The MQTT client id, which names the persistent session the broker keeps while the
    /// collector is away; each collector needs its own. Empty: edgeemotion-collector-{host name}.</summary>
    [StringLength(200)]
    public string ClientId { get; set; } = "";

    /// <summary>How long the broker keeps the session (and the messages for it) while the
    /// collector is away: at least a day, so a collector restarted next morning loses nothing.</summary>
    [Range(86_400, 4_294_967_295)]
    public long SessionExpirySeconds { get; set; } = 7 * 86_400;

    /// <summary>Most messages stored in one transaction (and acknowledged after it).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    public string ResolvedClientId => ClientId.Length > 0 ? ClientId : $"edgeemotion-collector-{Environment.MachineName}";
}
