// One broker for the classes that neither stop nor restart it and use device ids of their own
// (SharedMosquitto); a class that restarts its broker keeps one of its own (MosquittoBroker).
[assembly: AssemblyFixture(typeof(SharedMosquitto))]

// The two emulated arm64 proofs take minutes each: they start first (RunsForMinutes).
[assembly: TestCollectionOrderer(typeof(MinutesLongClassesFirst))]
