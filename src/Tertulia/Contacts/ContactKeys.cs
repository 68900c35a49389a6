using System.Text.RegularExpressions;
using Tertulia.Channels;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>An identity read off a mention's author: its normalized key, its kind and how to show it.</summary>
public readonly record struct IdentityKey(IdentityKind Kind, string Key, string Display)
{
    /// <summary>Email, handle and profile URL are the same person on any channel; a bare name is not.</summary>
    public bool IsStrong => Kind != IdentityKind.Name;
}

/// <summary>
/// Reads who wrote a mention from what channels give (<c>Author</c>, <c>AuthorUrl</c>): "Ana &lt;ana@correo.es&gt;",
/// "Ana (@ana@mastodon.social)", "@laespiga", a profile URL, or only a name. Pure and cheap: runs on every mention.
/// </summary>
public static partial class ContactKeys
{
    /// <summary>The identities of one author, strongest first, and the name to show for them.</summary>
    public sealed record Author(IReadOnlyList<IdentityKey> Keys, string DisplayName)
    {
        public bool IsAnonymous => Keys.Count == 0;
    }

    public static readonly Author Anonymous = new([], "");

    /// <summary><paramref name="network"/> scopes handles without an instance ("@laespiga" on X is not "@laespiga" on Instagram).</summary>
    public static Author Of(string? author, string? authorUrl, int channelId, string network)
    {
        var keys = new List<IdentityKey>(2);
        var name = author?.Trim() ?? "";
        string? display = null;

        if (name.Length > 0)
        {
            if (FediverseHandle().Match(name) is { Success: true } fedi)
            {
                var handle = $"@{fedi.Groups[1].Value}@{fedi.Groups[2].Value}".ToLowerInvariant();
                Add(keys, IdentityKind.Handle, "handle:fediverse:" + handle, fedi.Value);
                display = NameBefore(name, fedi.Index) ?? fedi.Value;
            }
            else if (EmailAddress().Match(name) is { Success: true } email)
            {
                var address = email.Groups[1].Value.ToLowerInvariant();
                Add(keys, IdentityKind.Email, "email:" + address, address);
                display = NameBefore(name, email.Index) ?? address;
            }
            else if (LocalHandle().Match(name) is { Success: true } local)
            {
                var handle = "@" + local.Groups[1].Value.ToLowerInvariant();
                Add(keys, IdentityKind.Handle, $"handle:{network}:{handle}", "@" + local.Groups[1].Value);
                display = NameBefore(name, local.Index) ?? "@" + local.Groups[1].Value;
            }
        }
        if (ProfileUrl(authorUrl) is { } url)
        {
            Add(keys, IdentityKind.ProfileUrl, "url:" + url, authorUrl!.Trim());
        }
        if (keys.Count == 0 && name.Length > 0)
        {
            // Only a name: the same person within one channel (a blog's commenters), never merged across channels.
            var folded = string.Join(' ', TextFolding.Fold(name).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Add(keys, IdentityKind.Name, $"name:{channelId}:{folded}", name);
        }
        if (keys.Count == 0)
        {
            return Anonymous;
        }
        display ??= name.Length > 0 ? name : keys[0].Display;
        return new Author(keys, BoundedText.Clip(display.Trim(), Contact.MaxNameLength));
    }

    /// <summary>The part of a channel that scopes its handles: the import format ("twitter"), else the channel kind.</summary>
    public static string NetworkOf(Channel channel) =>
        channel.Kind == ChannelKind.Import && channel.Source.StartsWith("import:", StringComparison.Ordinal)
            ? channel.Source["import:".Length..].ToLowerInvariant()
            : channel.Kind.ToString().ToLowerInvariant();

    /// <summary>Scheme and host lower-cased, no fragment, no trailing slash: the same profile however it was written.</summary>
    internal static string? ProfileUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return null;
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        return $"{uri.Host.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}{path}{uri.Query}";
    }

    private static void Add(List<IdentityKey> keys, IdentityKind kind, string key, string display)
    {
        // An identity longer than the column is no identity anybody shares; such authors stay name-only or anonymous.
        if (key.Length <= ContactIdentity.MaxKeyLength)
        {
            keys.Add(new IdentityKey(kind, key, BoundedText.Clip(display, ContactIdentity.MaxKeyLength)));
        }
    }

    /// <summary>"Ana García" out of "Ana García &lt;ana@…&gt;" or "Ana García (@ana@…)".</summary>
    private static string? NameBefore(string author, int index)
    {
        var before = author[..index].Trim().TrimEnd('(', '<').Trim().Trim('"').Trim();
        return before.Length > 0 ? before : null;
    }


    [GeneratedRegex(@"(?<![\w.@])@([\p{L}\p{N}_.-]{1,64})@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)")]
    private static partial Regex FediverseHandle();

    [GeneratedRegex(@"<?([\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)>?")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"(?<![\w@])@([\p{L}\p{N}_.-]{1,64})\)?$")]
    private static partial Regex LocalHandle();
}
