using EdgeEmotion.Tests;

// One PostgreSQL cluster for all the collector's tests (each test takes a database of its own).
[assembly: AssemblyFixture(typeof(PostgresCluster))]
