using System.Reflection;

namespace EdgeEmotion.Collector.Storage.Migrations;

/// <summary>Brings a database to the newest schema at start: the embedded scripts
/// <c>NNN-name.sql</c> in order, each applied once in its own transaction and recorded in
/// <c>schema_migrations</c>. A script, once released, never changes: a change is a new one.</summary>
public static class Migrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <returns>The versions applied now (none when the schema was current).</returns>
    public static async Task<IReadOnlyList<int>> MigrateAsync(SqlDialect dialect, CancellationToken cancel)
    {
        var applied = new List<int>();
        await using var connection = await dialect.OpenAsync(cancel);
        await connection.ExecuteAsync(null, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_ms bigint NOT NULL)", cancel);
        foreach (var (version, name, sql) in Scripts)
        {
            await using var transaction = await dialect.BeginWriteAsync(connection, cancel);
            await dialect.LockMigrationsAsync(connection, transaction, cancel);
            // Asked under the lock: a second collector starting at the same time waits above,
            // then finds the version applied.
            if (await connection.ScalarAsync(transaction, "SELECT 1 FROM schema_migrations WHERE version = @v", cancel, ("v", version)) is not null)
            {
                continue;
            }
            await connection.ExecuteAsync(transaction, sql, cancel);
            await connection.ExecuteAsync(transaction, "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (@v, @n, @t)", cancel,
                ("v", version), ("n", name), ("t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            await transaction.CommitAsync(cancel);
            applied.Add(version);
        }
        return applied;
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = typeof(Migrator).Assembly;
        const string Prefix = "EdgeEmotion.Collector.Storage.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[Prefix.Length..^4];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('-', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
                return (version, name, Read(assembly, n));
            })
            .OrderBy(s => s.version)
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
