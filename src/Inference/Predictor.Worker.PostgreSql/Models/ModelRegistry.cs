using System.Security.Cryptography;
using Npgsql;

namespace Predictor.Worker.PostgreSql.Models;

/// <summary>A registered model file (without its bytes).</summary>
public sealed record RegisteredModel(string Version, long SizeBytes, int FormatVersion, string MetadataJson, string PushedBy, DateTimeOffset PushedAt, bool IsActive);

/// <summary>The active model's file, as stored, with the version (SHA-256) it was registered under.</summary>
public sealed record ActiveModel(string Version, byte[] Content, long ActivationId);

/// <summary>
/// The fleet's model registry: model files by SHA-256, and a history of activations whose latest names the model
/// every worker serves. Activations are announced on the <c>predictor_model</c> channel (LISTEN/NOTIFY).
/// </summary>
public sealed class ModelRegistry(FleetDatabase database)
{
    public const string Channel = "predictor_model";

    /// <summary>Registers a file; its version is the SHA-256 of the bytes. Returns false when it was already registered.</summary>
    public async Task<(string Version, bool Added)> PushAsync(
        byte[] content, int formatVersion, string metadataJson, string pushedBy, CancellationToken cancellation = default)
    {
        string version = Convert.ToHexStringLower(SHA256.HashData(content));
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO models (version, content, size_bytes, format_version, metadata, pushed_by)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (version) DO NOTHING
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = content });
        command.Parameters.Add(new NpgsqlParameter { Value = content.LongLength });
        command.Parameters.Add(new NpgsqlParameter { Value = formatVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = metadataJson });
        command.Parameters.Add(new NpgsqlParameter { Value = pushedBy });
        int added = await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        return (version, added == 1);
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT m.version, m.size_bytes, m.format_version, m.metadata::text, m.pushed_by, m.pushed_at,
                   m.version = (SELECT version FROM model_activations ORDER BY activation_id DESC LIMIT 1)
              FROM models m ORDER BY m.pushed_at, m.version
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var models = new List<RegisteredModel>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            models.Add(new RegisteredModel(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), !reader.IsDBNull(6) && reader.GetBoolean(6)));
        }
        return models;
    }

    /// <summary>Makes a registered version (or a unique prefix of it) the active one and tells the workers.</summary>
    /// <exception cref="KeyNotFoundException">No registered version matches, or the prefix is ambiguous.</exception>
    public async Task<string> ActivateAsync(string versionOrPrefix, string activatedBy, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        var matches = new List<string>();
        await using (var find = new NpgsqlCommand("SELECT version FROM models WHERE starts_with(version, $1) LIMIT 2", connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = versionOrPrefix.ToLowerInvariant() });
            await using var reader = await find.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false)) matches.Add(reader.GetString(0));
        }
        if (matches.Count != 1 || versionOrPrefix.Length == 0)
        {
            throw new KeyNotFoundException(matches.Count == 0
                ? $"no registered model version starts with '{versionOrPrefix}' (see 'predictor models list')."
                : $"'{versionOrPrefix}' names more than one registered model version; give more characters.");
        }
        await Activate(connection, transaction, matches[0], activatedBy, "activate", cancellation).ConfigureAwait(false);
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        return matches[0];
    }

    /// <summary>Activates again the version that was active before the current one.</summary>
    /// <exception cref="InvalidOperationException">There is no earlier, different version to go back to.</exception>
    public async Task<string> RollbackAsync(string activatedBy, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var lockHistory = new NpgsqlCommand("LOCK TABLE model_activations IN EXCLUSIVE MODE", connection, transaction))
        {
            await lockHistory.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }
        string? previous;
        await using (var find = new NpgsqlCommand(
            """
            WITH current AS (SELECT activation_id, version FROM model_activations ORDER BY activation_id DESC LIMIT 1)
            SELECT a.version FROM model_activations a, current
             WHERE a.activation_id < current.activation_id AND a.version <> current.version
             ORDER BY a.activation_id DESC LIMIT 1
            """, connection, transaction))
        {
            previous = await find.ExecuteScalarAsync(cancellation).ConfigureAwait(false) as string;
        }
        if (previous is null) throw new InvalidOperationException("there is no earlier model version to roll back to.");
        await Activate(connection, transaction, previous, activatedBy, "rollback", cancellation).ConfigureAwait(false);
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        return previous;
    }

    /// <summary>The active model's bytes, or null when none has been activated.</summary>
    public async Task<ActiveModel?> ActiveAsync(CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT a.version, m.content, a.activation_id
              FROM model_activations a JOIN models m USING (version)
             ORDER BY a.activation_id DESC LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellation).ConfigureAwait(false)) return null;
        return new ActiveModel(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2));
    }

    /// <summary>The active version's name only (cheap enough to poll).</summary>
    public async Task<string?> ActiveVersionAsync(CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT version FROM model_activations ORDER BY activation_id DESC LIMIT 1", connection);
        return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) as string;
    }

    private static async Task Activate(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string version, string by, string reason, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"WITH added AS (INSERT INTO model_activations (version, activated_by, reason) VALUES ($1, $2, $3) RETURNING version) SELECT pg_notify('{Channel}', version) FROM added",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = by });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }
}
