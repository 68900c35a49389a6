using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels;
using Tertulia.Contacts;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Contacts.ContactsWorld;

namespace Tertulia.Tests.Contacts;

/// <summary>One profile per customer across channels: the same email or handle is the same person.</summary>
public class ContactResolutionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_same_email_in_the_mailbox_and_in_an_import_is_one_contact()
    {
        var workspace = await App.CreateWorkspaceAsync("Correo e importación");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");

        await App.IngestAsync(mailbox, Email("Lucía Pérez <lucia.perez@correo.test>", "Pedido", "¿Tenéis roscón sin frutas?", "p1@correo.test"));
        var import = await App.ImportCsvAsync(workspace, """
            id,text,author
            r1,"El roscón sin frutas, una maravilla",LUCIA.PEREZ@correo.test
            r2,Pan duro el domingo,otra.persona@correo.test
            """);

        Assert.Equal(2, import.Added);
        var lucia = await App.ContactOfAsync(mailbox, "p1@correo.test");
        Assert.NotNull(lucia);
        Assert.Equal(lucia, await App.ContactOfAsync(import.ChannelId, "r1"));
        Assert.NotEqual(lucia, await App.ContactOfAsync(import.ChannelId, "r2"));
        var contacts = await App.ContactsAsync(workspace);
        Assert.Equal(2, contacts.Count);
        var profile = contacts.Single(c => c.Id == lucia);
        Assert.Equal("Lucía Pérez", profile.DisplayName);
        Assert.Equal(2, profile.MentionCount);
        Assert.Equal(["email:lucia.perez@correo.test"], await App.KeysOfAsync(lucia!.Value));
    }

    [Fact]
    public async Task The_same_fediverse_handle_on_two_mastodon_accounts_and_in_an_import_is_one_contact()
    {
        var workspace = await App.CreateWorkspaceAsync("Mastodon");
        var brandAccount = await App.AddChannelAsync(workspace, ChannelKind.Mastodon, "https://mastodon.social/@candeal");
        var otherAccount = await App.AddChannelAsync(workspace, ChannelKind.Mastodon, "https://masto.es/@candeal_valladolid");

        await App.IngestAsync(brandAccount, Toot("101", "ana@mastodon.social", "Ana Ruiz", "<p>@candeal ¡qué hogaza!</p>"));
        await App.IngestAsync(otherAccount, Toot("202", "ana@mastodon.social", "Ana Ruiz", "<p>Otra vez por aquí</p>", instance: "masto.es"));
        var import = await App.ImportCsvAsync(workspace, """
            id,text,author
            x1,Hola desde la importación,@Ana@Mastodon.Social
            """);

        var ana = await App.ContactOfAsync(brandAccount, "101");
        Assert.NotNull(ana);
        Assert.Equal(ana, await App.ContactOfAsync(otherAccount, "202"));
        Assert.Equal(ana, await App.ContactOfAsync(import.ChannelId, "x1"));
        Assert.Contains("handle:fediverse:@ana@mastodon.social", await App.KeysOfAsync(ana!.Value));
        Assert.Equal("Ana Ruiz", (await App.ContactsAsync(workspace)).Single().DisplayName);
    }

    [Fact]
    public async Task A_bare_name_is_one_person_within_a_blog_but_not_across_channels()
    {
        var workspace = await App.CreateWorkspaceAsync("Nombres");
        var blog = await App.AddChannelAsync(workspace, ChannelKind.Feed, "https://blog.candeal.test/feed");
        var review = await App.AddChannelAsync(workspace, ChannelKind.Feed, "https://resenas.test/feed");

        await App.IngestAsync(blog, Pipeline.Item("c1", "Muy rico") with { Author = "Carmen" }, Pipeline.Item("c2", "Vuelvo mañana") with { Author = "carmen " });
        await App.IngestAsync(review, Pipeline.Item("c1", "Mi reseña") with { Author = "Carmen" });

        Assert.Equal(await App.ContactOfAsync(blog, "c1"), await App.ContactOfAsync(blog, "c2"));
        Assert.NotEqual(await App.ContactOfAsync(blog, "c1"), await App.ContactOfAsync(review, "c1"));
    }

    [Fact]
    public async Task Two_contacts_that_turn_out_to_share_an_identity_are_merged_automatically_and_the_merge_says_why()
    {
        var workspace = await App.CreateWorkspaceAsync("Fusión automática");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        var mastodon = await App.AddChannelAsync(workspace, ChannelKind.Mastodon, "https://mastodon.social/@candeal");
        await App.IngestAsync(mailbox, Email("Jorge <jorge@correo.test>", "Hola", "Una consulta", "j1@correo.test"));
        await App.IngestAsync(mastodon, Toot("301", "jorge@mastodon.social", "Jorge", "<p>Buenísimo</p>"));
        var byEmail = (await App.ContactOfAsync(mailbox, "j1@correo.test"))!.Value;
        var byHandle = (await App.ContactOfAsync(mastodon, "301"))!.Value;
        Assert.NotEqual(byEmail, byHandle);

        // A survey export names both: his email and his Mastodon profile.
        var import = await App.ImportCsvAsync(workspace, """
            id,text,author,author_url
            s1,Todo perfecto,jorge@correo.test,https://mastodon.social/@jorge/
            """);

        var contacts = await App.ContactsAsync(workspace);
        var jorge = Assert.Single(contacts);
        Assert.Equal(byEmail, jorge.Id); // the older contact lives on
        Assert.Equal(3, jorge.MentionCount);
        Assert.Equal(jorge.Id, await App.ContactOfAsync(mastodon, "301"));
        Assert.Equal(jorge.Id, await App.ContactOfAsync(import.ChannelId, "s1"));
        Assert.Equal(
            ["email:jorge@correo.test", "handle:fediverse:@jorge@mastodon.social", "url:mastodon.social/@jorge"],
            await App.KeysOfAsync(jorge.Id));
        await using var db = App.Db();
        var merge = await db.ContactMerges.SingleAsync(m => m.WorkspaceId == workspace);
        Assert.True(merge.Automatic);
        Assert.Null(merge.MergedBy);
        Assert.Equal((byEmail, byHandle), (merge.SurvivorId, merge.AbsorbedId));
        Assert.Contains("https://mastodon.social/@jorge/", merge.Reason);
    }

    [Fact]
    public async Task Mentions_stored_before_contacts_existed_get_their_contacts_from_the_backfill()
    {
        var workspace = await App.CreateWorkspaceAsync("Backfill");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        await App.IngestAsync(mailbox,
            Email("Marta <marta@correo.test>", "Uno", "Primer correo", "b1@correo.test"),
            Email("marta@correo.test", "Dos", "Segundo correo", "b2@correo.test"),
            Email("Luis <luis@correo.test>", "Tres", "Otro cliente", "b3@correo.test"));
        // The store as an older Tertulia left it: mentions without contacts.
        await using (var db = App.Db())
        {
            await db.Mentions.Where(m => m.WorkspaceId == workspace).ExecuteUpdateAsync(s => s.SetProperty(m => m.ContactId, (int?)null));
            await db.ContactIdentities.Where(i => i.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Contacts.Where(c => c.WorkspaceId == workspace).ExecuteDeleteAsync();
        }

        var resolved = await App.Services.GetRequiredService<ContactBackfill>().RunAsync(CancellationToken.None);

        Assert.True(resolved >= 3);
        var marta = await App.ContactOfAsync(mailbox, "b1@correo.test");
        Assert.NotNull(marta);
        Assert.Equal(marta, await App.ContactOfAsync(mailbox, "b2@correo.test"));
        Assert.NotEqual(marta, await App.ContactOfAsync(mailbox, "b3@correo.test"));
        Assert.Equal([2, 1], (await App.ContactsAsync(workspace)).Select(c => c.MentionCount).OrderDescending());
    }
}
