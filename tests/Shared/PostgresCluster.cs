using System.Globalization;

namespace EdgeEmotion.Tests;

/// <summary>
/// A throwaway PostgreSQL 15 cluster (Debian's postgresql-15) for one test assembly: initdb in a
/// temporary folder, started with pg_ctl on a free loopback port, stopped and removed when
/// disposed. PostgreSQL refuses to run as root, so as root (the tests' usual user) it runs as
/// <c>nobody</c>, which owns the folder. Each test takes a database of its own
/// (<see cref="CreateDatabase"/>). fsync is off (but in <see cref="Durable"/>): a test cluster need not survive a power cut.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string User = "nobody";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string _folder;
    private int _databases;

    public PostgresCluster()
        : this(durable: false)
    {
    }

    /// <param name="durable">PostgreSQL's own defaults (fsync, synchronous_commit and full-page
    /// writes on), as a production server runs: what a benchmark measures.</param>
    private PostgresCluster(bool durable)
    {
        if (!File.Exists(Path.Combine(Bin, "pg_ctl")))
        {
            throw new InvalidOperationException($"{Bin}/pg_ctl not found: install postgresql-15 (deploy/install-build-deps.sh)");
        }
        _folder = Path.Combine(Path.GetTempPath(), "edgeemotion-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        if (Environment.IsPrivilegedProcess)
        {
            Command.Run("chown", [$"{User}:", _folder], Limit);
        }
        Port = LoopbackPort.Free();
        Run("initdb", ["-D", Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
        Run("pg_ctl", ["-D", Data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "120",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_folder} -c max_connections=200"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
            "start"]);
    }

    /// <summary>A cluster with PostgreSQL's durable defaults (for benchmarks; tests need no power-cut safety).</summary>
    public static PostgresCluster Durable() => new(durable: true);

    public int Port { get; }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>A new, empty database; returns its Npgsql connection string.</summary>
    public string CreateDatabase()
    {
        var name = "t" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        Run("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", name]);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    /// <summary>The postmaster's process id (the first line of its postmaster.pid).</summary>
    public int ServerPid => int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>The server's log (for a failing test's message).</summary>
    public string Log => File.Exists(Path.Combine(_folder, "log")) ? File.ReadAllText(Path.Combine(_folder, "log")) : "";

    public void Dispose()
    {
        try
        {
            Run("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Run(string program, IEnumerable<string> args)
    {
        var path = Path.Combine(Bin, program);
        if (Environment.IsPrivilegedProcess)
        {
            Command.Run("runuser", ["-u", User, "--", path, .. args], Limit, workingDirectory: _folder);
        }
        else
        {
            Command.Run(path, args, Limit, workingDirectory: _folder);
        }
    }
}
