using System.Globalization;

namespace EdgeEmotion.Core.Datasets;

/// <summary>
/// Reads FER+ votes for one split, in either of two forms:
/// <list type="bullet">
/// <item>a folder with <c>train-votes.tsv</c> and <c>test-votes.tsv</c> (tab-separated, a <c>file</c>
/// column naming the image as <c>class/file.jpg</c> under the split folder, then the ten vote
/// columns; other columns are ignored; rows with empty votes have none), for the image-folder
/// layout of FER2013;</item>
/// <item>FER+'s own <c>fer2013new.csv</c> (<c>Usage,Image name,neutral,…,NF</c>), one row per row
/// of <c>fer2013.csv</c> in the same order, for users who bring FER2013 as that CSV.</item>
/// </list>
/// Errors name the file, the line and the rule.
/// </summary>
public static class FerPlusVotesReader
{
    public static FerPlusVotes Read(string path, FerSplit split)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, $"{split.FolderName()}-votes.tsv") : path;
        if (!File.Exists(file))
        {
            throw new UserInputException($"{file}: votes file not found (give a folder with {FerSplit.Train.FolderName()}-votes.tsv and {FerSplit.PublicTest.FolderName()}-votes.tsv, or FER+'s fer2013new.csv).");
        }
        using var reader = new StreamReader(file);
        var header = reader.ReadLine() ?? throw new UserInputException($"{file}: file is empty.");
        return header.StartsWith("Usage,", StringComparison.OrdinalIgnoreCase)
            ? ReadFerPlusCsv(file, header, reader, split)
            : ReadTsv(file, header, reader);
    }

    private static FerPlusVotes ReadTsv(string file, string header, StreamReader reader)
    {
        var columns = header.Split('\t');
        var nameColumn = Array.IndexOf(columns, "file");
        var voteColumns = FerPlusVotes.Columns.Select(c => Array.IndexOf(columns, c)).ToArray();
        if (nameColumn < 0 || voteColumns.Any(c => c < 0))
        {
            var missing = FerPlusVotes.Columns.Prepend("file").Where(c => !columns.Contains(c));
            throw new UserInputException($"{file}: line 1: header lacks column(s) {string.Join(", ", missing)} (tab-separated: file, then {string.Join(", ", FerPlusVotes.Columns)}).");
        }
        return ReadRows(file, reader, columns.Length, '\t', fields => fields[nameColumn], voteColumns, _ => true);
    }

    private static FerPlusVotes ReadFerPlusCsv(string file, string header, StreamReader reader, FerSplit split)
    {
        // fer2013new.csv: Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF
        var columns = header.Split(',');
        if (columns.Length != 2 + FerPlusVotes.ColumnCount)
        {
            throw new UserInputException($"{file}: line 1: FER+ header needs {2 + FerPlusVotes.ColumnCount} columns (Usage,Image name,{string.Join(",", FerPlusVotes.Columns)}), found {columns.Length}.");
        }
        var usage = split.CsvUsage();
        var voteColumns = Enumerable.Range(2, FerPlusVotes.ColumnCount).ToArray();
        var row = -1;
        return ReadRows(file, reader, columns.Length, ',',
            _ => Fer2013CsvReader.RowName(row),
            voteColumns,
            fields =>
            {
                row++; // Rows of every split count, as they do in fer2013.csv.
                return fields[0].Trim().Equals(usage, StringComparison.OrdinalIgnoreCase);
            });
    }

    private static FerPlusVotes ReadRows(string file, StreamReader reader, int columnCount, char separator,
        Func<string[], string> nameOf, int[] voteColumns, Func<string[], bool> keep)
    {
        var rows = new Dictionary<string, FerPlusVotes.Row>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var fields = line.Split(separator);
            if (fields.Length != columnCount)
            {
                throw new UserInputException($"{file}: line {lineNumber}: expected {columnCount} fields, found {fields.Length}.");
            }
            if (!keep(fields))
            {
                continue;
            }
            var name = nameOf(fields);
            var votes = ParseVotes(file, lineNumber, fields, voteColumns);
            if (!rows.TryAdd(name, new FerPlusVotes.Row(votes, lineNumber)))
            {
                throw new UserInputException($"{file}: line {lineNumber}: '{name}' is listed twice (first on line {rows[name].Line}).");
            }
        }
        if (rows.Count == 0)
        {
            throw new UserInputException($"{file}: no votes for this split.");
        }
        return new FerPlusVotes(file, rows);
    }

    private static int[] ParseVotes(string file, int lineNumber, string[] fields, int[] voteColumns)
    {
        if (voteColumns.All(c => fields[c].Length == 0))
        {
            return []; // FER+ has no image for this face.
        }
        var votes = new int[voteColumns.Length];
        for (var i = 0; i < voteColumns.Length; i++)
        {
            var text = fields[voteColumns[i]];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out votes[i]) || votes[i] > 100)
            {
                throw new UserInputException($"{file}: line {lineNumber}: {FerPlusVotes.Columns[i]} vote count '{text}' is not a whole number 0..100.");
            }
        }
        return votes;
    }
}
