using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Tertulia.Channels.Network;

/// <summary>
/// Decides which addresses a channel may connect to. Private, loopback, link-local and other
/// non-public ranges are refused unless allow-listed, so a feed URL cannot be used to probe the
/// network Tertulia runs in. Checked on every connection, after DNS, so rebinding does not help.
/// </summary>
public sealed class AddressPolicy
{
    private readonly List<(IPAddress Network, int PrefixLength)> _allowed = [];

    public AddressPolicy(IOptions<NetworkOptions> options)
    {
        foreach (var entry in options.Value.AllowedPrivateAddresses)
        {
            _allowed.Add(ParseRange(entry));
        }
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return IsPublic(address) || _allowed.Any(r => InRange(address, r.Network, r.PrefixLength));
    }

    public async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, ct);
            }
            catch (SocketException ex)
            {
                throw new ChannelException($"The host '{host}' could not be resolved ({ex.SocketErrorCode}).", ex);
            }
        }
        var allowed = addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new ChannelException(
                $"The host '{host}' resolves to a private or local address ({string.Join(", ", addresses.Select(a => a.ToString()))}), " +
                "which channels may not reach unless it is allow-listed in Tertulia:Network:AllowedPrivateAddresses.");
        }
        return allowed;
    }

    internal static bool IsPublic(IPAddress a)
    {
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)        // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                      // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))       // benchmarking
                || b[0] >= 224);                                     // multicast, reserved, broadcast
        }
        if (a.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(a) || a.Equals(IPAddress.IPv6None) || a.Equals(IPAddress.IPv6Any)
                || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast || a.IsIPv6UniqueLocal)
            {
                return false;
            }
            return true;
        }
        return false;
    }

    private static (IPAddress, int) ParseRange(string entry)
    {
        var parts = entry.Split('/', 2);
        var address = IPAddress.Parse(parts[0].Trim());
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = parts.Length == 2 ? int.Parse(parts[1]) : bits;
        return (address, prefix);
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefixLength)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && prefixLength > 0; i++, prefixLength -= 8)
        {
            var mask = prefixLength >= 8 ? 0xFF : (byte)(0xFF << (8 - prefixLength));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }
        return true;
    }
}
