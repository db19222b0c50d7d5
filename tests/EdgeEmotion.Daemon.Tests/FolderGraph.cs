using System.Text;
using System.Text.RegularExpressions;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// Which folder of the daemon's sources refers to which, read from the C# text: <c>using
/// EdgeEmotion.Daemon.X</c> (plain, static or alias), fully qualified names, names qualified from a
/// parent namespace (<c>Visits.VisitorTracking</c>) and the root namespace's types by their simple
/// name. Comments and string literals are left out, so a word in a sentence is no dependency.
/// Hand-written because the check is about folders (the unit a reader navigates), which an
/// IL-based architecture library does not see; every folder's namespace must be the folder's, so
/// the two cannot drift apart unnoticed.
/// </summary>
public sealed partial class FolderGraph
{
    public const string Root = "(root)";
    public const string EntryPoint = "(entry point)";
    private const string RootNamespace = "EdgeEmotion.Daemon";

    private readonly Dictionary<string, SortedDictionary<string, string>> _edges = [];

    private FolderGraph()
    {
    }

    /// <summary>Folder → folders it refers to, each with the first file that does (the evidence).</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    /// <summary>Files whose namespace is not their folder's, with what they declare.</summary>
    public List<string> Misplaced { get; } = [];

    /// <summary>The .cs files under <paramref name="projectFolder"/> (build output left out).</summary>
    public static FolderGraph Read(string projectFolder) =>
        Of(Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(projectFolder, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(Path.Combine(projectFolder, path)))));

    /// <param name="files">Paths relative to the project folder, with their text.</param>
    public static FolderGraph Of(IEnumerable<(string Path, string Text)> files)
    {
        var sources = files.Select(f => (f.Path, Folder: FolderOf(f.Path), Code: CodeOnly(f.Text))).ToList();
        var folders = sources.Select(s => s.Folder).Where(f => f != Root).ToHashSet(StringComparer.Ordinal);
        var declared = sources
            .SelectMany(s => TypeDeclaration().Matches(s.Code).Select(m => (s.Folder, Name: m.Groups["name"].Value)))
            .ToLookup(d => d.Folder, d => d.Name);
        var graph = new FolderGraph();
        foreach (var (path, folder, code) in sources)
        {
            var ns = FileNamespace().Match(code);
            var node = folder;
            if (!ns.Success)
            {
                node = EntryPoint; // top-level statements: nothing can refer to them
            }
            else if (ns.Groups["ns"].Value != (folder == Root ? RootNamespace : $"{RootNamespace}.{folder.Replace('/', '.')}"))
            {
                graph.Misplaced.Add($"{path} declares namespace {ns.Groups["ns"].Value}");
            }
            var body = ns.Success ? code.Remove(ns.Index, ns.Length) : code;
            foreach (Match m in QualifiedName().Matches(body))
            {
                graph.Add(node, Deepest(Regex.Replace(m.Groups["names"].Value, @"\s", "").Replace('.', '/'), folders), path);
            }
            foreach (Match m in ParentQualifiedName().Matches(body))
            {
                var (first, type) = (m.Groups["first"].Value, m.Groups["type"].Value);
                if (folders.Contains(first) && declared[first].Contains(type))
                {
                    graph.Add(node, first, path);
                }
            }
            foreach (var rootType in declared[Root])
            {
                if (Regex.IsMatch(body, $@"(?<![\w.]){rootType}\b"))
                {
                    graph.Add(node, Root, path);
                }
            }
        }
        return graph;
    }

    /// <summary>"A → B (A/File.cs)" for every reference that <paramref name="allowed"/> (folder →
    /// the folders it may refer to) does not list.</summary>
    public List<string> EdgesOutside(IReadOnlyDictionary<string, string[]> allowed) =>
        [.. _edges.SelectMany(from => from.Value
            .Where(to => !(allowed.TryGetValue(from.Key, out var targets) && targets.Contains(to.Key)))
            .Select(to => $"{from.Key} → {to.Key} ({to.Value})"))];

    /// <summary>A cycle as the folders along it (first = last), or null when there is none.</summary>
    public List<string>? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, done, path) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    /// <summary>"A → B (A/File.cs) → A (B/Other.cs)": the cycle with the file behind each step.</summary>
    public string Describe(List<string> cycle)
    {
        var text = new StringBuilder(cycle[0]);
        for (var i = 1; i < cycle.Count; i++)
        {
            text.Append($" → {cycle[i]} ({_edges[cycle[i - 1]][cycle[i]]})");
        }
        return text.ToString();
    }

    private List<string>? Visit(string folder, HashSet<string> done, List<string> path)
    {
        var at = path.IndexOf(folder);
        if (at >= 0)
        {
            return [.. path[at..], folder];
        }
        if (done.Contains(folder))
        {
            return null;
        }
        path.Add(folder);
        foreach (var next in _edges.TryGetValue(folder, out var targets) ? targets.Keys.ToList() : [])
        {
            if (Visit(next, done, path) is { } cycle)
            {
                return cycle;
            }
        }
        path.RemoveAt(path.Count - 1);
        done.Add(folder);
        return null;
    }

    private void Add(string from, string to, string evidence)
    {
        if (from == to)
        {
            return;
        }
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }
        targets.TryAdd(to, evidence);
    }

    /// <summary>The deepest folder that <paramref name="names"/> (a qualified name's parts after
    /// the root namespace, '/'-separated) starts with: <c>Publishing/Durable/Outbox</c> is in
    /// <c>Publishing/Durable</c>; a type of the root namespace is in the root.</summary>
    private static string Deepest(string names, HashSet<string> folders)
    {
        for (var candidate = names; candidate.Length > 0; candidate = candidate[..Math.Max(candidate.LastIndexOf('/'), 0)])
        {
            if (folders.Contains(candidate))
            {
                return candidate;
            }
        }
        return Root;
    }

    /// <summary>The same references between top-level folders only (<c>Publishing/Durable</c>
    /// counts as <c>Publishing</c>), the level the architecture sketch draws.</summary>
    public FolderGraph TopLevel()
    {
        var top = new FolderGraph();
        foreach (var (from, targets) in _edges)
        {
            foreach (var (to, evidence) in targets)
            {
                top.Add(TopOf(from), TopOf(to), evidence);
            }
        }
        return top;
    }

    private static string TopOf(string folder) => folder.Split('/')[0];

    private static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? Root : path[..slash];
    }

    /// <summary>The text with comments and string and character literals blanked out (line
    /// structure kept). Interpolated strings go whole, their holes included.</summary>
    internal static string CodeOnly(string text)
    {
        var code = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var rest = text.AsSpan(i);
            int end;
            if (rest.StartsWith("//"))
            {
                end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
            }
            else if (rest.StartsWith("/*"))
            {
                end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
            }
            else if (RawStringStart().Match(text, i) is { Success: true } raw)
            {
                var quotes = raw.Groups["quotes"].Value;
                end = text.IndexOf(quotes, i + raw.Length, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + quotes.Length;
            }
            else if (rest.StartsWith("@\"") || rest.StartsWith("$@\"") || rest.StartsWith("@$\""))
            {
                end = text.IndexOf('"', i) + 1;
                while (end < text.Length && !(text[end] == '"' && (end + 1 >= text.Length || text[end + 1] != '"')))
                {
                    end += text[end] == '"' ? 2 : 1;
                }
                end = Math.Min(end + 1, text.Length);
            }
            else if (rest.StartsWith("\"") || rest.StartsWith("$\"") || rest.StartsWith("'"))
            {
                var quote = rest[0] == '$' ? '"' : rest[0];
                end = text.IndexOf(quote, i) + 1;
                while (end < text.Length && text[end] != quote && text[end] != '\n')
                {
                    end += text[end] == '\\' ? 2 : 1;
                }
                end = Math.Min(end + 1, text.Length);
            }
            else
            {
                code.Append(text[i]);
                i++;
                continue;
            }
            foreach (var c in text.AsSpan(i, end - i))
            {
                code.Append(c == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return code.ToString();
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"EdgeEmotion\s*\.\s*Daemon\s*\.\s*(?<names>\w+(?:\s*\.\s*\w+)*)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])(?<first>[A-Z]\w*)\s*\.\s*(?<type>[A-Z]\w*)")]
    private static partial Regex ParentQualifiedName();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\G\$*(?<quotes>""{3,})")]
    private static partial Regex RawStringStart();
}
