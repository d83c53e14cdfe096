using Predictor.Data.Errors;

namespace Predictor.Cli.Output;

/// <summary>How the verbs write files.</summary>
internal static class CliFiles
{
    /// <summary>
    /// Writes through a temporary file beside the target and renames it into place, so that an interrupted run never
    /// leaves a half-written file under the real name.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new PredictorInputException($"{path}: the folder {directory} does not exist.");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
                write(stream);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
