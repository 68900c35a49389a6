using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Tertulia.Channels;

/// <summary>
/// Encrypts a channel's credentials at rest with ASP.NET Core Data Protection. The keys live in a folder
/// beside the database (see <see cref="ChannelsRegistration"/>), so the database alone reveals no password.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Tertulia.Channels.Credentials.v1");

    public string Protect<T>(T credentials) => _protector.Protect(JsonSerializer.Serialize(credentials));

    /// <summary>Reads a channel's credentials; a missing or unreadable key ring is the channel's error, shown to its owner.</summary>
    public T Unprotect<T>(Channel channel)
    {
        if (string.IsNullOrEmpty(channel.Credentials))
        {
            throw new ChannelException("The channel has no credentials. Connect it again.");
        }
        try
        {
            return JsonSerializer.Deserialize<T>(_protector.Unprotect(channel.Credentials))
                ?? throw new ChannelException("The channel's credentials are empty. Connect it again.");
        }
        catch (CryptographicException ex)
        {
            throw new ChannelException(
                "The channel's credentials cannot be decrypted: the key folder changed or was lost. Connect it again.", ex);
        }
    }
}
