using EdgeEmotion.Core.Evaluation;
using ScottPlot;

namespace EdgeEmotion.Reporting;

/// <summary>A reliability diagram as PNG: per confidence bin, how often the top class was right
/// (bars) against the diagonal a calibrated model follows, one or more models side by side.</summary>
public static class ReliabilityPlot
{
    public static void Save(string path, string title, params (string Name, CalibrationMetrics Metrics)[] models)
    {
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "calibrated";
        // Okabe-Ito blue and orange: told apart with any colour vision.
        Color[] palette = [Color.FromHex("#0072B2"), Color.FromHex("#E69F00")];
        for (var m = 0; m < models.Length; m++)
        {
            var (name, metrics) = models[m];
            var used = metrics.Bins.Where(b => b.Count > 0).ToArray();
            var line = plot.Add.Scatter(used.Select(b => b.MeanConfidence).ToArray(), used.Select(b => b.Accuracy).ToArray());
            line.Color = palette[m % palette.Length];
            line.MarkerSize = 7;
            line.LineWidth = 2;
            line.LegendText = $"{name} (ECE {metrics.ExpectedCalibrationError:F3})";
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title(title);
        plot.XLabel("confidence of the top class");
        plot.YLabel("share right");
        plot.Axes.SetLimits(0, 1, 0, 1);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 600, 600);
    }
}
