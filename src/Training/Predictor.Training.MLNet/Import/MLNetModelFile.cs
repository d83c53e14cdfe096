using System.IO.Compression;
using Microsoft.ML;
using Predictor.Data.Errors;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// Opens a file written by <c>mlContext.Model.Save</c>: a zip whose entries ML.NET reads back (<c>Model.key</c> per
/// part) into a transformer and the input schema it was saved with. Anything else is refused before ML.NET is asked.
/// </summary>
internal static class MLNetModelFile
{
    public static (ITransformer Model, DataViewSchema InputSchema) Load(MLContext ml, string path)
    {
        string name = Path.GetFileName(path);
        RequireModelZip(path, name);
        ITransformer model;
        DataViewSchema? schema;
        try
        {
            using var stream = File.OpenRead(path);
            model = ml.Model.Load(stream, out schema);
        }
        catch (Exception ex) when (ex is not (IOException or UnauthorizedAccessException or OutOfMemoryException))
        {
            throw new PredictorInputException($"{name}: ML.NET could not load it as a model ({FirstLine(ex.Message)}).", ex);
        }
        if (schema is null || schema.Count == 0)
            throw new PredictorInputException($"{name}: the ML.NET model was saved without its input schema; save it with mlContext.Model.Save(model, data.Schema, path).");
        return (model, schema);
    }

    private static void RequireModelZip(string path, string name)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (!zip.Entries.Any(e => e.Name == "Model.key"))
                throw new PredictorInputException($"{name}: a zip file, but not an ML.NET model (it has no Model.key entry that mlContext.Model.Save writes).");
        }
        catch (InvalidDataException ex)
        {
            throw new PredictorInputException($"{name}: not an ML.NET model (not a zip file; mlContext.Model.Save writes a zip).", ex);
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim().TrimEnd('.');
    }
}
