using Tertulia.Contacts;
using Xunit;

namespace Tertulia.Tests.Contacts;

/// <summary>Who wrote it, read off the author fields each channel fills (values as the adapters produce them).</summary>
public class ContactKeysTests
{
    public static TheoryData<string?, string?, string, string, string> Authors => new()
    {
        // author, author URL, network, expected keys (| separated), display name
        { "Lucía Pérez <Lucia.Perez@Correo.es>", null, "email", "email:lucia.perez@correo.es", "Lucía Pérez" },
        { "\"Pérez, Lucía\" <lucia@correo.es>", null, "email", "email:lucia@correo.es", "Pérez, Lucía" },
        { "LUCIA@correo.es", null, "csv", "email:lucia@correo.es", "lucia@correo.es" },
        { "Ana Ruiz (@ana@mastodon.social)", "https://mastodon.social/@ana", "mastodon", "handle:fediverse:@ana@mastodon.social|url:mastodon.social/@ana", "Ana Ruiz" },
        { "@Ana@Mastodon.Social", null, "csv", "handle:fediverse:@ana@mastodon.social", "@Ana@Mastodon.Social" },
        { "@laespiga", null, "twitter", "handle:twitter:@laespiga", "@laespiga" },
        { "@ana-g.bsky.social", null, "bluesky", "handle:bluesky:@ana-g.bsky.social", "@ana-g.bsky.social" },
        { "Carmen", "https://Carmen.Blog.es/", "feed", "url:carmen.blog.es", "Carmen" },
        { "  Carmen  García ", null, "feed", "name:7:carmen garcia", "Carmen  García" },
    };

    [Theory]
    [MemberData(nameof(Authors))]
    public void An_author_is_read_into_normalized_identities(string? author, string? url, string network, string keys, string display)
    {
        var read = ContactKeys.Of(author, url, channelId: 7, network);

        Assert.Equal(keys.Split('|'), read.Keys.Select(k => k.Key));
        Assert.Equal(display, read.DisplayName);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "javascript:alert(1)")]
    [InlineData("   ", "not a url")]
    public void Nobody_is_anonymous(string? author, string? url) =>
        Assert.True(ContactKeys.Of(author, url, 1, "feed").IsAnonymous);
}
