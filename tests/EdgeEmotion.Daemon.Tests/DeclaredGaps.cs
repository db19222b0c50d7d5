namespace EdgeEmotion.Daemon.Tests;

/// <summary>The gaps a daemon declared in its <c>stats</c> (<c>seq_skipped</c>,
/// <c>visits_seq_skipped</c>): numbers reserved before a crash and never used, which a subscriber
/// must not count as lost.</summary>
public static class DeclaredGaps
{
    /// <summary>Each distinct gap declared under <paramref name="field"/> in the recorded stats.</summary>
    public static List<(long From, long To)> Of(MqttRecorder recorder, string field) =>
    [
        .. recorder.On("/stats").Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty(field))
            .Where(g => g.ValueKind == JsonValueKind.Object)
            .Select(g => (g.GetProperty("from").GetInt64(), g.GetProperty("to").GetInt64())).Distinct(),
    ];

    /// <summary>Every seq from 1 to the highest arrived or lies in a declared gap, and no declared number arrived.</summary>
    public static void AssertNoneLost(IEnumerable<long> arrived, IReadOnlyList<(long From, long To)> gaps)
    {
        var seqs = arrived.ToHashSet();
        bool Declared(long s) => gaps.Any(g => s >= g.From && s <= g.To);
        var lost = Enumerable.Range(1, (int)seqs.Max()).Select(i => (long)i).Where(s => !seqs.Contains(s) && !Declared(s)).ToList();
        Assert.True(lost.Count == 0, $"seq neither arrived nor declared skipped: {string.Join(", ", lost)}");
        Assert.DoesNotContain(seqs, Declared);
    }
}
