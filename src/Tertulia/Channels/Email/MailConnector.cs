using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Tertulia.Channels.Network;

namespace Tertulia.Channels.Email;

/// <summary>
/// Opens authenticated IMAP and SMTP connections. Connections go through the same address policy as the
/// HTTP channels, so a mailbox host cannot be used to reach the private network.
/// </summary>
public sealed class MailConnector(AddressPolicy addresses, IOptions<EmailOptions> options)
{
    /// <param name="idleRead">How long one read may wait for the server; the IDLE watcher keeps the mailbox default.</param>
    public async Task<ImapClient> OpenImapAsync(EmailAccount account, CancellationToken ct, TimeSpan? idleRead = null)
    {
        var client = new ImapClient { Timeout = (int)(idleRead ?? options.Value.Timeout).TotalMilliseconds };
        try
        {
            await ConnectAsync(client, account.ImapHost, account.ImapPort, account.ImapSecurity, ct);
            await client.AuthenticateAsync(account.UserName, account.Password, ct);
            return client;
        }
        catch (Exception ex) when (Translate(ex, $"IMAP {account.ImapHost}:{account.ImapPort}") is { } translated)
        {
            client.Dispose();
            throw translated;
        }
    }

    public async Task<SmtpClient> OpenSmtpAsync(EmailAccount account, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)options.Value.Timeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, account.SmtpHost, account.SmtpPort, account.SmtpSecurity, ct);
            if (client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                await client.AuthenticateAsync(account.UserName, account.Password, ct);
            }
            return client;
        }
        catch (Exception ex) when (Translate(ex, $"SMTP {account.SmtpHost}:{account.SmtpPort}") is { } translated)
        {
            client.Dispose();
            throw translated;
        }
    }

    /// <summary>Turns what MailKit and the network throw into a message for the person who configured the channel.</summary>
    public static ChannelException? Translate(Exception ex, string server) => ex switch
    {
        ChannelException channel => channel,
        AuthenticationException => new ChannelException($"{server} refused the user name or password.", ex),
        SslHandshakeException => new ChannelException($"{server}: the secure connection failed ({ex.Message}).", ex),
        SocketException socket => new ChannelException($"{server} cannot be reached ({socket.SocketErrorCode}).", ex),
        IOException or ProtocolException or CommandException or ServiceNotConnectedException or TimeoutException
            => new ChannelException($"{server}: {ex.Message}", ex),
        _ => null,
    };

    private async Task ConnectAsync(IMailService client, string host, int port, MailSecurity security, CancellationToken ct)
    {
        var allowed = await addresses.ResolveAllowedAsync(host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        await client.ConnectAsync(socket, host, port, SocketOptions(security), ct);
    }

    private static SecureSocketOptions SocketOptions(MailSecurity security) => security switch
    {
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };
}
