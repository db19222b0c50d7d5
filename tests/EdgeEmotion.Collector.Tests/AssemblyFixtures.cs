using EdgeEmotion.Collector.Tests.Ingest;

// One PostgreSQL cluster and one broker for all the collector's tests (each test takes a
// database of its own, and a topic prefix and client ids of its own).
[assembly: AssemblyFixture(typeof(PostgresCluster))]
[assembly: AssemblyFixture(typeof(PersistentMosquitto))]
