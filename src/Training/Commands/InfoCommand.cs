namespace EdgeEmotion.Training.Commands;

public static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Print the default network's layers, parameters and multiply-adds per face.");
        command.SetAction(_ =>
        {
            var shape = NetworkShape.Default;
            using var net = new EmotionNet(shape);
            Console.WriteLine($"Stages (channels x 3x3 convs): {string.Join(" → ", shape.Widths.Zip(shape.ConvsPerStage, (w, c) => $"{w}x{c}"))}, head {shape.Hidden}");
            Console.WriteLine($"Parameters:     {net.ParameterCount():N0}");
            Console.WriteLine($"Multiply-adds:  {shape.MultiplyAdds():N0} per 48x48 face");
            return 0;
        });
        return command;
    }
}
