// One broker for the classes that neither stop nor restart it and use device ids of their own
// (SharedMosquitto); a class that restarts its broker keeps one of its own (MosquittoBroker).
[assembly: AssemblyFixture(typeof(SharedMosquitto))]
