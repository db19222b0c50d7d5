using EdgeEmotion.Training;
using static TorchSharp.torch;

set_num_threads(Environment.ProcessorCount);
var trainer = new Trainer(args[0], Console.WriteLine);
trainer.Run(new TrainOptions { Data = "../shared/data/fer2013", Epochs = 30, Patience = 10 }, args.Length > 1, "runs/cache");
