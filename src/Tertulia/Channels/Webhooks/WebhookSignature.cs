using System.Security.Cryptography;
using System.Text;

namespace Tertulia.Channels.Webhooks;

/// <summary>
/// "X-Tertulia-Signature: sha256=&lt;hex&gt;": the HMAC-SHA256 of the raw request body with the channel's secret,
/// the scheme GitHub and Stripe senders already know.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Tertulia-Signature";
    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a webhook channel keeps encrypted.</summary>
public sealed record WebhookCredentials(string Secret);
