using System.Security.Cryptography;
using System.Text.Json;

namespace Predictor.Scoring.Serialization;

/// <summary>
/// The SHA-256 over a model file's canonical content: the JSON object without its <c>checksum</c> member, written
/// compactly with members in file order and numbers exactly as written. Indentation therefore does not matter, while
/// any change to a value, name or member order does.
/// </summary>
internal static class ModelChecksum
{
    public const string Prefix = "sha256:";

    public static string Compute(JsonElement root)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var member in root.EnumerateObject())
            {
                if (!string.Equals(member.Name, "checksum", StringComparison.Ordinal)) member.WriteTo(json);
            }
            json.WriteEndObject();
        }
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
