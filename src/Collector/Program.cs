using EdgeEmotion.Collector.Hosting;

return await CollectorStartup.RunAsync(args, Console.Out, Console.Error);
