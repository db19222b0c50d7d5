using EdgeEmotion.Daemon.Hosting;

return await DaemonStartup.RunAsync(args, Console.Out, Console.Error);
