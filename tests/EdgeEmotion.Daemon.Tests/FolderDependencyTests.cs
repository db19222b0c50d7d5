namespace EdgeEmotion.Daemon.Tests;

/// <summary>The daemon's folders depend on each other in one direction only (issue: Publishing
/// used Hosting's stats while Hosting wired Publishing), so each can be read and changed from
/// the bottom up; and the reader that checks it sees what it must.</summary>
public sealed class FolderDependencyTests
{
    private static FolderGraph Daemon() => FolderGraph.Read(Path.Combine(RepoPaths.Root, "src", "Daemon"));

    [Fact]
    public void The_daemons_folders_have_no_cycle_and_each_file_is_in_its_folders_namespace()
    {
        var graph = Daemon();
        Assert.Empty(graph.Misplaced);
        var cycle = graph.FindCycle();
        Assert.True(cycle is null, cycle is null ? "" : $"Folder cycle: {graph.Describe(cycle)}");
    }

    /// <summary>The frame's way through the stages (docs/architecture.md): a stage refers to the
    /// stages before it, whose values it takes, never to one after it.</summary>
    private static readonly string[] Stages = ["Sources", "Detection", "People", "Classification", "Tracking", "Visits", "Aggregation", "Publishing"];

    /// <summary>What every stage may read or write: its settings, the counters (Diagnostics is
    /// written by the stages and read by Publishing and the LED) and the root's helpers.</summary>
    private static readonly string[] Foundations = ["Options", "Diagnostics", FolderGraph.Root];

    /// <summary>What each top-level folder may refer to: the direction of docs/architecture.md.</summary>
    private static readonly Dictionary<string, string[]> Allowed = AllowedEdges();

    private static Dictionary<string, string[]> AllowedEdges()
    {
        var allowed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < Stages.Length; i++)
        {
            allowed[Stages[i]] = [.. Stages[..i], .. Foundations];
        }
        allowed["Publishing"] = [.. allowed["Publishing"], "Broker", "StateDirectory"];
        allowed["Diagnostics"] = [FolderGraph.Root];
        allowed["Options"] = [];
        allowed["StateDirectory"] = ["Options"];
        allowed["Broker"] = ["Options"];
        allowed["Dashboard"] = ["Broker", "Options"];
        allowed["Gpio"] = ["Diagnostics", "Options"];
        // One frame's way through every stage (FrameAnalyzer): above the stages, below Hosting.
        allowed["Analysis"] = [.. Stages, .. Foundations];
        // Hosting only wires and drives, so it may refer to every folder; nothing refers to it but the entry point.
        allowed["Hosting"] = [.. Stages, .. Foundations, "Analysis", "StateDirectory", "Broker", "Dashboard", "Gpio"];
        allowed[FolderGraph.EntryPoint] = ["Hosting"];
        return allowed;
    }

    [Fact]
    public void Each_folder_refers_only_to_the_folders_the_architecture_sketch_allows()
    {
        var outside = Daemon().TopLevel().EdgesOutside(Allowed);
        Assert.True(outside.Count == 0, $"Against the sketch's direction: {string.Join("; ", outside)}");
    }

    [Fact]
    public void A_reference_into_a_sub_folder_counts_for_it_and_for_its_top_level_folder()
    {
        (string, string)[] files =
        [
            ("A/Inner/One.cs", "namespace EdgeEmotion.Daemon.A.Inner;\npublic class One { }"),
            ("A/Top.cs", "namespace EdgeEmotion.Daemon.A;\npublic class Top { }"),
            ("B/Two.cs", "namespace EdgeEmotion.Daemon.B;\npublic class Two { EdgeEmotion.Daemon.A.Inner.One? _one; }"),
            ("C/Three.cs", "using EdgeEmotion.Daemon.A.Inner;\nnamespace EdgeEmotion.Daemon.C;\npublic class Three { One? _one; }"),
        ];
        var graph = FolderGraph.Of(files);
        Assert.Equal(["A/Inner"], graph.Edges["B"].Keys);
        Assert.Equal(["A/Inner"], graph.Edges["C"].Keys);
        Assert.Equal(["A"], graph.TopLevel().Edges["B"].Keys);
        Assert.Equal(["C → A (C/Three.cs)"], graph.TopLevel().EdgesOutside(new Dictionary<string, string[]> { ["B"] = ["A"] }));
    }

    [Fact]
    public void The_reader_sees_the_daemons_real_dependencies()
    {
        var edges = Daemon().Edges;
        Assert.Contains("Publishing", edges["Hosting"].Keys); // using
        Assert.Contains("Diagnostics", edges["Publishing"].Keys); // using
        Assert.Contains(FolderGraph.Root, edges["Publishing/HomeAssistant"].Keys); // DaemonVersion by its simple name
        Assert.Contains("Hosting", edges[FolderGraph.EntryPoint].Keys); // Program.cs
    }

    [Fact]
    public void A_cycle_is_found_through_a_using_a_qualified_name_or_a_name_qualified_from_the_parent_namespace()
    {
        (string, string)[] usingCycle =
        [
            ("A/One.cs", "using EdgeEmotion.Daemon.B;\nnamespace EdgeEmotion.Daemon.A;\npublic class One { Two? _two; }"),
            ("B/Two.cs", "namespace EdgeEmotion.Daemon.B;\npublic class Two { EdgeEmotion.Daemon.A.One? _one; }"),
        ];
        var graph = FolderGraph.Of(usingCycle);
        Assert.Equal(["A", "B", "A"], graph.FindCycle());
        Assert.Equal("A → B (A/One.cs) → A (B/Two.cs)", graph.Describe(graph.FindCycle()!));

        (string, string)[] parentQualified =
        [
            ("A/One.cs", "using EdgeEmotion.Daemon.B;\nnamespace EdgeEmotion.Daemon.A;\npublic class One { Two? _two; }"),
            ("B/Two.cs", "namespace EdgeEmotion.Daemon.B;\npublic class Two { A.One? _one; }"),
        ];
        Assert.NotNull(FolderGraph.Of(parentQualified).FindCycle());

        (string, string)[] throughTheRoot =
        [
            ("Helper.cs", "using EdgeEmotion.Daemon.A;\nnamespace EdgeEmotion.Daemon;\npublic static class Helper { static One? _one; }"),
            ("A/One.cs", "namespace EdgeEmotion.Daemon.A;\npublic class One { int X => Helper.Value; }"),
        ];
        Assert.NotNull(FolderGraph.Of(throughTheRoot).FindCycle());
    }

    [Fact]
    public void Comments_strings_and_members_that_share_a_folders_name_are_no_dependency()
    {
        (string, string)[] files =
        [
            ("A/One.cs", "namespace EdgeEmotion.Daemon.A;\n/// <see cref=\"EdgeEmotion.Daemon.B.Two\"/>\npublic class One\n{\n    // B.Two is mentioned here\n    string S = \"EdgeEmotion.Daemon.B\";\n    string V = @\"B.Two \"\" B.Two\";\n    int W => B.Count; // a member called B, not the folder\n}"),
            ("B/Two.cs", "using EdgeEmotion.Daemon.A;\nnamespace EdgeEmotion.Daemon.B;\npublic class Two { One? _one; }"),
        ];
        var graph = FolderGraph.Of(files);
        Assert.Null(graph.FindCycle());
        Assert.False(graph.Edges.ContainsKey("A"));
    }

    [Fact]
    public void A_file_outside_its_folders_namespace_is_named()
    {
        (string, string)[] files = [("A/One.cs", "namespace EdgeEmotion.Daemon.B;\npublic class One { }")];
        Assert.Equal(["A/One.cs declares namespace EdgeEmotion.Daemon.B"], FolderGraph.Of(files).Misplaced);
    }
}
