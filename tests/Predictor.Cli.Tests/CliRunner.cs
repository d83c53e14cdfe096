namespace Predictor.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = PredictorCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
