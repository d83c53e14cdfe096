using Predictor.Data.Errors;

namespace Predictor.Cli.Output;

/// <summary>How the verbs write files.</summary>
internal static class CliFiles
{
    /// <summary>
    /// Checks before any work that <paramref name="file"/> can be written: not a directory, in a folder that exists.
    /// The message names the option, so the user knows which argument to fix.
    /// </summary>
    public static void RequireFileTarget(FileInfo file, string option)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
            throw new PredictorInputException($"{option} {file.FullName}: is a directory; give a file name (for example {Path.Combine(file.FullName, ExampleName(option))}).");
        var folder = Path.GetDirectoryName(file.FullName);
        if (folder is not null && !Directory.Exists(folder))
            throw new PredictorInputException($"{option} {file.FullName}: the folder {folder} does not exist.");
    }

    private static string ExampleName(string option) => option switch
    {
        "--report" => "report.html",
        "--json" => "summary.json",
        _ => "out" + (option == "--out" ? ".csv" : ""),
    };

    /// <summary>
    /// Writes through a temporary file beside the target and renames it into place, so that an interrupted run never
    /// leaves a half-written file under the real name.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        if (Directory.Exists(path))
            throw new PredictorInputException($"{path} is a directory; give a file name to write.");
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
