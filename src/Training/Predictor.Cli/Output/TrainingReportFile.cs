using System.Text;
using Predictor.Reports.Training;

namespace Predictor.Cli.Output;

/// <summary><c>train --report FILE</c>: builds the training report and writes it atomically as UTF-8 HTML.</summary>
internal static class TrainingReportFile
{
    public static void Write(FileInfo file, TrainingReportInput input, TextWriter messages)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(messages);
        string html = TrainingReport.Build(input);
        CliFiles.WriteAtomically(file.FullName, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            writer.Write(html);
        });
        messages.WriteLine("Report written to " + file.FullName);
    }
}
