using ScottPlot;

namespace EdgeEmotion.Reporting;

/// <summary>Per-epoch curves (e.g. train and validation accuracy) as PNG.</summary>
public static class CurvePlot
{
    public static void Save(string path, string title, string yLabel, params (string Name, double[] Values)[] series)
    {
        var plot = new Plot();
        foreach (var (name, values) in series)
        {
            var xs = Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray();
            var line = plot.Add.Scatter(xs, values);
            line.LegendText = name;
        }
        plot.ShowLegend();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 800, 500);
    }
}
