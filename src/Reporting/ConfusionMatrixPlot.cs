using EdgeEmotion.Core.Evaluation;
using ScottPlot;

namespace EdgeEmotion.Reporting;

/// <summary>A confusion matrix as PNG: rows are true classes (top to bottom), columns predicted
/// classes; each cell shows the count and is shaded by the row-normalised rate.</summary>
public static class ConfusionMatrixPlot
{
    public static void Save(ClassificationMetrics metrics, string path, string title)
    {
        var k = metrics.Labels.Count;
        var plot = new Plot();
        for (var row = 0; row < k; row++)
        {
            var total = Math.Max(1, metrics.Confusion[row].Sum());
            for (var col = 0; col < k; col++)
            {
                var count = metrics.Confusion[row][col];
                var rate = (double)count / total;
                var y = k - 1 - row;
                var cell = plot.Add.Rectangle(col - 0.5, col + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = Colors.Navy.WithAlpha(0.05 + (0.9 * rate));
                cell.LineColor = Colors.White;
                var text = plot.Add.Text($"{count}", col, y);
                text.LabelFontColor = rate > 0.5 ? Colors.White : Colors.Black;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 13;
            }
        }
        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. metrics.Labels]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. metrics.Labels.Reverse()]);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Title($"{title}  (accuracy {metrics.Accuracy:P2}, macro-F1 {metrics.MacroF1:F3}, n={metrics.Samples})");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 760, 680);
    }
}
