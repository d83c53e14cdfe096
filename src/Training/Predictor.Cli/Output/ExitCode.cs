namespace Predictor.Cli.Output;

/// <summary>The process exit codes every verb returns (see <see cref="PredictorCli"/>).</summary>
internal static class ExitCode
{
    public const int Success = 0;
    public const int UsageError = 1;
    public const int InputError = 2;
    public const int InternalError = 3;
}
