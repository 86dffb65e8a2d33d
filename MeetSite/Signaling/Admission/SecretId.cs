using System.Buffers.Text;
using System.Security.Cryptography;

namespace MeetSite.Signaling;

/// <summary>Participant ids, resume tokens and session ids: 128 random bits as 22 URL-safe characters.</summary>
internal static class SecretId
{
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Compares secrets in constant time, so a wrong guess teaches nothing about the right one.</summary>
    public static bool Matches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.AsSpan()),
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual.AsSpan()));
}
