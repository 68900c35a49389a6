using System.Net;
using Tertulia.Channels;
using Tertulia.Contacts;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Contacts.ContactsWorld;

namespace Tertulia.Tests.Contacts;

/// <summary>Following a customer to see everything they say; and no workspace ever sees another's customers.</summary>
public class FollowAndIsolationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Following_a_contact_shows_everything_they_say_on_any_channel_in_my_feed_and_only_mine()
    {
        var workspace = await App.CreateWorkspaceAsync("Seguir");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        var mastodon = await App.AddChannelAsync(workspace, ChannelKind.Mastodon, "https://mastodon.social/@candeal");
        await App.IngestAsync(mailbox, Email("Bea <bea@correo.test>", "Hola", "Primer mensaje", "f1@correo.test", date: DateTimeOffset.UtcNow.AddHours(-2)));
        await App.IngestAsync(mastodon, Toot("601", "otro@mastodon.social", "Otro", "<p>No me sigue nadie</p>"));
        var bea = (await App.ContactOfAsync(mailbox, "f1@correo.test"))!.Value;

        Assert.Equal(HttpStatusCode.NoContent, (await App.Http.FollowAsync(workspace, bea)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await App.Http.FollowAsync(workspace, bea)).StatusCode); // twice is once
        Assert.True((await App.Http.ContactAsync(workspace, bea)).Following);
        // She shows up on Mastodon too, with her email in the survey tool's export of her toot's author.
        await App.ImportCsvAsync(workspace, """
            id,text,author
            bea-encuesta,Todo muy rico,bea@correo.test
            """);

        var feed = await App.Http.FollowedFeedAsync(workspace);

        Assert.Equal(["Todo muy rico", "Primer mensaje"], feed.Items.Select(i => i.Mention.Text));
        Assert.All(feed.Items, i => Assert.Equal(bea, i.ContactId));
        var colleague = await App.ClientForAsync(Tertulia.Access.WorkspaceRole.Agent, workspace);
        Assert.Empty((await colleague.FollowedFeedAsync(workspace)).Items);

        Assert.Equal(HttpStatusCode.NoContent, (await App.Http.UnfollowAsync(workspace, bea)).StatusCode);
        Assert.Empty((await App.Http.FollowedFeedAsync(workspace)).Items);
    }

    [Fact]
    public async Task The_same_customer_in_two_workspaces_is_two_contacts_and_neither_workspace_reaches_the_other()
    {
        var a = await App.CreateWorkspaceAsync("Panadería A");
        var b = await App.CreateWorkspaceAsync("Panadería B");
        var mailA = await App.AddChannelAsync(a, ChannelKind.Email, "imap://a@candeal.test@127.0.0.1:143/INBOX");
        var mailB = await App.AddChannelAsync(b, ChannelKind.Email, "imap://b@candeal.test@127.0.0.1:143/INBOX");
        await App.IngestAsync(mailA, Email("Eva Secreta <eva@correo.test>", "A", "Escribo a A", "ea@correo.test"));
        await App.IngestAsync(mailB, Email("Eva Secreta <eva@correo.test>", "B", "Escribo a B", "eb@correo.test"),
            Email("Otro <otro@correo.test>", "B", "Otro de B", "ob@correo.test"));
        var evaA = (await App.ContactOfAsync(mailA, "ea@correo.test"))!.Value;
        var evaB = (await App.ContactOfAsync(mailB, "eb@correo.test"))!.Value;
        var otroB = (await App.ContactOfAsync(mailB, "ob@correo.test"))!.Value;
        var mergeB = await (await App.Http.MergeAsync(b, evaB, otroB)).ReadAsync<ContactsApi.MergeDto>();

        Assert.NotEqual(evaA, evaB);
        Assert.Equal(1, (await App.Http.ContactAsync(a, evaA)).Contact.MentionCount);
        Assert.Equal([evaA], (await App.Http.SearchContactsAsync(a, "eva")).Items.Select(c => c.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"/api/workspaces/{a}/contacts/{evaB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"/api/workspaces/{a}/contacts/{evaB}/mentions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.MergeAsync(a, evaA, evaB)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.UnmergeAsync(a, evaA, mergeB.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.UnmergeAsync(a, evaB, mergeB.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.FollowAsync(a, evaB)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"/w/{a}/contacts/{evaB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await App.Http.FollowAsync(b, evaB)).StatusCode);
        Assert.Empty((await App.Http.FollowedFeedAsync(a)).Items);
        Assert.Equal(2, (await App.Http.FollowedFeedAsync(b)).Items.Count);

        // A member of workspace A only sees nothing of B, whatever the id.
        var memberOfA = await App.ClientForAsync(Tertulia.Access.WorkspaceRole.Agent, a);
        Assert.Equal(HttpStatusCode.NotFound, (await memberOfA.GetAsync($"/api/workspaces/{b}/contacts/{evaB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await memberOfA.GetAsync($"/api/workspaces/{b}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await memberOfA.MergeAsync(b, evaB, otroB)).StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_profiles_but_cannot_merge_or_follow()
    {
        var workspace = await App.CreateWorkspaceAsync("Roles");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        await App.IngestAsync(mailbox, Email("Uno <uno@correo.test>", "a", "a", "v1@correo.test"), Email("Dos <dos@correo.test>", "b", "b", "v2@correo.test"));
        var (uno, dos) = ((await App.ContactOfAsync(mailbox, "v1@correo.test"))!.Value, (await App.ContactOfAsync(mailbox, "v2@correo.test"))!.Value);
        var viewer = await App.ClientForAsync(Tertulia.Access.WorkspaceRole.Viewer, workspace);

        Assert.Equal("Uno", (await viewer.ContactAsync(workspace, uno)).Contact.DisplayName);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.MergeAsync(workspace, uno, dos)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.FollowAsync(workspace, uno)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.ClientAs(null).GetAsync($"/api/workspaces/{workspace}/contacts")).StatusCode);
    }
}
