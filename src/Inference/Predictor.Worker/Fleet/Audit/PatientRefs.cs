using System.Security.Cryptography;
using System.Text;

namespace Predictor.Worker.Fleet.Audit;

/// <summary>
/// What the audit trail stores for a patient: the id itself, or (<c>Worker:Audit:HashIds</c>) its HMAC-SHA256 under
/// the fleet's key, so the trail can answer "what did we tell patient X" for whoever holds the key and the id, and
/// reveals no ids to anyone else.
/// </summary>
internal sealed class PatientRefs(bool hash, string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    public bool Hashed => hash;

    public string For(string patientId) => hash ? Hash(_key, patientId) : patientId;

    public static string Hash(byte[] key, string patientId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(patientId)));
}
