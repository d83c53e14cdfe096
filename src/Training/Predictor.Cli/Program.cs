using Predictor.Cli;

return PredictorCli.Run(args, Console.Out, Console.Error);
