using System.Net;
using Tertulia.Channels;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Contacts.ContactsWorld;

namespace Tertulia.Tests.Contacts;

/// <summary>The profile page the inbox links to, in Spanish first and in English.</summary>
public class ContactPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_profile_page_shows_the_contact_in_spanish_and_in_english()
    {
        var workspace = await App.CreateWorkspaceAsync("Página");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        await App.IngestAsync(mailbox, Email("Inés <ines@correo.test>", "Hola", "Quiero <b>encargar</b> una tarta #cumple", "i1@correo.test"));
        var ines = (await App.ContactOfAsync(mailbox, "i1@correo.test"))!.Value;

        var spanish = await App.Http.GetStringAsync($"/w/{workspace}/contacts/{ines}");
        var english = await App.Http.GetStringAsync($"/w/{workspace}/contacts/{ines}?culture=en&ui-culture=en");
        var list = await App.Http.GetStringAsync($"/w/{workspace}/contacts?q=ines");

        Assert.Contains("Inés", spanish);
        Assert.Contains("Fuerza de la relación", spanish);
        Assert.Contains("ines@correo.test", spanish);
        Assert.Contains("Relationship strength", english);
        Assert.DoesNotContain("<b>encargar</b>", spanish); // shown as text, never as markup
        Assert.Contains($"/w/{workspace}/contacts/{ines}", list);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Http.GetAsync($"/w/{workspace}/contacts/999999")).StatusCode);
    }
}
