using System.Net;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Contacts;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Contacts.ContactsWorld;

namespace Tertulia.Tests.Contacts;

/// <summary>A person merges two profiles of the same customer, and can undo it exactly.</summary>
public class MergeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_manual_merge_and_its_unmerge_give_back_exactly_the_identities_and_mentions_each_contact_had()
    {
        var workspace = await App.CreateWorkspaceAsync("Fusión manual");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        var mastodon = await App.AddChannelAsync(workspace, ChannelKind.Mastodon, "https://mastodon.social/@candeal");
        await App.IngestAsync(mailbox,
            Email("Ana <ana@correo.test>", "Uno", "Primer correo", "m1@correo.test"),
            Email("Ana <ana@correo.test>", "Dos", "Segundo correo", "m2@correo.test"));
        await App.IngestAsync(mastodon, Toot("501", "anita@mastodon.social", "Anita", "<p>¡Hola!</p>"));
        var ana = (await App.ContactOfAsync(mailbox, "m1@correo.test"))!.Value;
        var anita = (await App.ContactOfAsync(mastodon, "501"))!.Value;
        var before = (AnaKeys: await App.KeysOfAsync(ana), AnaMentions: await App.MentionsOfAsync(ana),
            AnitaKeys: await App.KeysOfAsync(anita), AnitaMentions: await App.MentionsOfAsync(anita));

        var merge = await (await App.Http.MergeAsync(workspace, ana, anita)).ReadAsync<ContactsApi.MergeDto>();

        Assert.False(merge.Automatic);
        Assert.Equal(App.Owner.Id, merge.MergedBy);
        Assert.Equal((ana, anita), (merge.SurvivorId, merge.AbsorbedId));
        var merged = await App.Http.ContactAsync(workspace, ana);
        Assert.Equal(3, merged.Contact.MentionCount);
        Assert.Equal(before.AnaKeys.Union(before.AnitaKeys).Order(), (await App.KeysOfAsync(ana)).Order());
        Assert.Equal(ana, (await App.Http.ContactAsync(workspace, anita)).Contact.MergedIntoId);
        Assert.DoesNotContain((await App.Http.SearchContactsAsync(workspace)).Items, c => c.Id == anita);
        // What she says after the merge, on either identity, lands in the merged profile.
        await App.IngestAsync(mastodon, Toot("502", "anita@mastodon.social", "Anita", "<p>Otra vez yo</p>"));
        Assert.Equal(ana, await App.ContactOfAsync(mastodon, "502"));

        var undone = await (await App.Http.UnmergeAsync(workspace, ana, merge.Id)).ReadAsync<ContactsApi.MergeDto>();

        Assert.NotNull(undone.UndoneAt);
        Assert.Equal(App.Owner.Id, undone.UndoneBy);
        Assert.Equal(before.AnaKeys, await App.KeysOfAsync(ana));
        Assert.Equal(before.AnaMentions, await App.MentionsOfAsync(ana));
        Assert.Equal(before.AnitaKeys, await App.KeysOfAsync(anita));
        var anitaNow = await App.MentionsOfAsync(anita);
        Assert.Equal(before.AnitaMentions.Count + 1, anitaNow.Count);
        Assert.Superset(before.AnitaMentions, anitaNow);
        Assert.Equal(anita, await App.ContactOfAsync(mastodon, "502"));
        var restored = await App.Http.ContactAsync(workspace, anita);
        Assert.Null(restored.Contact.MergedIntoId);
        Assert.Equal((2, 2), ((await App.Http.ContactAsync(workspace, ana)).Contact.MentionCount, restored.Contact.MentionCount));
        Assert.Equal(HttpStatusCode.Conflict, (await App.Http.UnmergeAsync(workspace, ana, merge.Id)).StatusCode);

        // A person kept them apart: a message showing both identities does not merge them again on its own.
        await App.ImportCsvAsync(workspace, """
            id,text,author,author_url
            both,Soy Ana y también Anita,ana@correo.test,https://mastodon.social/@anita
            """);
        Assert.Equal(2, (await App.ContactsAsync(workspace)).Count);
        await using var db = App.Db();
        Assert.Equal(1, await db.ContactMerges.CountAsync(m => m.WorkspaceId == workspace));
    }

    [Fact]
    public async Task Merging_a_contact_with_itself_or_twice_is_refused_with_a_reason()
    {
        var workspace = await App.CreateWorkspaceAsync("Fusión inválida");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        await App.IngestAsync(mailbox,
            Email("Uno <uno@correo.test>", "a", "a", "u1@correo.test"),
            Email("Dos <dos@correo.test>", "b", "b", "u2@correo.test"),
            Email("Tres <tres@correo.test>", "c", "c", "u3@correo.test"));
        var (uno, dos, tres) = ((await App.ContactOfAsync(mailbox, "u1@correo.test"))!.Value,
            (await App.ContactOfAsync(mailbox, "u2@correo.test"))!.Value, (await App.ContactOfAsync(mailbox, "u3@correo.test"))!.Value);

        Assert.Equal(HttpStatusCode.BadRequest, (await App.Http.MergeAsync(workspace, uno, uno)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.Http.MergeAsync(workspace, uno, dos)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await App.Http.MergeAsync(workspace, tres, dos)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.MergeAsync(workspace, uno, 999_999)).StatusCode);
    }
}
