using System.CommandLine;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using System.Globalization;
using System.Text.Json;
using Predictor.Data.Errors;
using Predictor.Scoring.Serialization;
using Predictor.Worker.PostgreSql.Models;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor models push|list|activate|rollback</c>: the fleet's model registry.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "Register model files in the fleet database and choose the one every worker serves.");
        command.Subcommands.Add(Push());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Activate());
        command.Subcommands.Add(Rollback());
        return command;
    }

    private static Command Push()
    {
        var database = FleetConnection.Option();
        var file = new Argument<FileInfo>("MODEL") { Description = "Model file written by 'predictor train' (format 2 or later)." };
        var note = new Option<string>("--note") { Description = "A note kept with the model (why it was trained, ticket, ...)." };
        var activate = new Option<bool>("--activate") { Description = "Make it the active model at once." };
        var command = new Command("push", "Register a model file (its SHA-256 becomes its version); the file's checksum must verify.")
        {
            file, note, activate, database,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var input = parse.GetValue(file)!;
            InputFiles.RequireExists(input, "MODEL");
            byte[] bytes = await File.ReadAllBytesAsync(input.FullName, cancellation).ConfigureAwait(false);
            var (format, metadata) = Describe(bytes, input, parse.GetValue(note));
            return await FleetConnection.Run(parse.GetValue(database), async db =>
            {
                var registry = new ModelRegistry(db);
                var (version, added) = await registry.PushAsync(bytes, format, metadata, FleetConnection.Actor, cancellation).ConfigureAwait(false);
                var output = parse.InvocationConfiguration.Output;
                output.WriteLine(added ? $"registered {version} ({input.Name})" : $"already registered: {version} ({input.Name})");
                if (parse.GetValue(activate))
                {
                    await registry.ActivateAsync(version, FleetConnection.Actor, cancellation).ConfigureAwait(false);
                    output.WriteLine($"active: {version}");
                }
                return ExitCode.Success;
            }, cancellation).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List()
    {
        var database = FleetConnection.Option();
        var command = new Command("list", "List registered models, oldest first; '*' marks the active one.") { database };
        command.SetAction(async (parse, cancellation) => await FleetConnection.Run(parse.GetValue(database), async db =>
        {
            var output = parse.InvocationConfiguration.Output;
            var models = await new ModelRegistry(db).ListAsync(cancellation).ConfigureAwait(false);
            if (models.Count == 0) output.WriteLine("no models registered (predictor models push MODEL).");
            foreach (var m in models)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(m.IsActive ? '*' : ' ')} {m.Version}  format {m.FormatVersion}  {m.SizeBytes,9} bytes  pushed {m.PushedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {m.PushedBy}  {m.MetadataJson}"));
            }
            return ExitCode.Success;
        }, cancellation).ConfigureAwait(false));
        return command;
    }

    private static Command Activate()
    {
        var database = FleetConnection.Option();
        var version = new Argument<string>("VERSION") { Description = "A registered version, or a unique prefix of it (as 'models list' shows)." };
        var command = new Command("activate", "Make a registered model the one every worker serves (workers switch within seconds).") { version, database };
        command.SetAction(async (parse, cancellation) => await FleetConnection.Run(parse.GetValue(database), async db =>
        {
            try
            {
                string active = await new ModelRegistry(db).ActivateAsync(parse.GetValue(version)!, FleetConnection.Actor, cancellation).ConfigureAwait(false);
                parse.InvocationConfiguration.Output.WriteLine($"active: {active}");
                return ExitCode.Success;
            }
            catch (KeyNotFoundException ex)
            {
                throw new PredictorInputException("VERSION: " + ex.Message, ex);
            }
        }, cancellation).ConfigureAwait(false));
        return command;
    }

    private static Command Rollback()
    {
        var database = FleetConnection.Option();
        var command = new Command("rollback", "Activate again the model that was active before the current one.") { database };
        command.SetAction(async (parse, cancellation) => await FleetConnection.Run(parse.GetValue(database), async db =>
        {
            try
            {
                string active = await new ModelRegistry(db).RollbackAsync(FleetConnection.Actor, cancellation).ConfigureAwait(false);
                parse.InvocationConfiguration.Output.WriteLine($"active: {active}");
                return ExitCode.Success;
            }
            catch (InvalidOperationException ex)
            {
                throw new PredictorInputException(ex.Message, ex);
            }
        }, cancellation).ConfigureAwait(false));
        return command;
    }

    /// <summary>Checks the file is a checksummed model that verifies, and what the registry records about it.</summary>
    private static (int Format, string MetadataJson) Describe(byte[] bytes, FileInfo file, string? note)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var artifact = ModelJson.ReadArtifact(stream);
            using var document = JsonDocument.Parse(bytes);
            int format = document.RootElement.TryGetProperty("formatVersion", out var f) && f.TryGetInt32(out int v) ? v : 0;
            if (format < 2 || !document.RootElement.TryGetProperty("checksum", out _))
                throw new PredictorInputException($"{file.FullName}: model format {format} carries no checksum; workers serve only checksummed models (retrain with 'predictor train').");
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("file", file.Name);
                if (artifact.Metadata.Label is { } label) json.WriteString("label", label);
                json.WriteNumber("trees", artifact.Model.Trees.Count);
                if (!string.IsNullOrWhiteSpace(note)) json.WriteString("note", note);
                json.WriteEndObject();
            }
            return (format, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        catch (ModelFormatException ex)
        {
            throw new PredictorInputException($"{file.FullName}: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new PredictorInputException($"{file.FullName}: not a model file ({ex.Message}).", ex);
        }
    }
}
