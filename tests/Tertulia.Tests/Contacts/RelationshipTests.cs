using System.Net.Http.Json;
using Tertulia.Channels;
using Tertulia.Contacts;
using Tertulia.Ingestion;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Contacts.ContactsWorld;

namespace Tertulia.Tests.Contacts;

/// <summary>A profile measures the relationship by conversations both ways, and shows what the person talks about.</summary>
public class RelationshipTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    private const string Brand = "Horno El Candeal <hola@candeal.test>";

    /// <summary>The brand's answer as the mailbox's reply operation returns it to the pipeline.</summary>
    private static IncomingItem Answer(string id, string to, string text, DateTimeOffset? date = null) =>
        Email(Brand, "Re: pedido", text, id, inReplyTo: to, date: date) with { FromBrand = true };

    [Fact]
    public async Task Strength_grows_with_each_two_way_exchange_and_not_with_messages_nobody_answered()
    {
        var workspace = await App.CreateWorkspaceAsync("Relación");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        await App.IngestAsync(mailbox, Email("Lucía <lucia@correo.test>", "Pedido", "¿Me guardáis una hogaza?", "l1@correo.test"));
        var lucia = (await App.ContactOfAsync(mailbox, "l1@correo.test"))!.Value;
        Assert.Equal(0, (await App.Http.ContactAsync(workspace, lucia)).Relationship.Strength);

        await App.IngestAsync(mailbox, Answer("a1@candeal.test", "l1@correo.test", "¡Claro, a tu nombre!"));
        Assert.Equal(0, (await App.Http.ContactAsync(workspace, lucia)).Relationship.Strength); // the brand spoke, she did not answer yet

        await App.IngestAsync(mailbox, Email("Lucía <lucia@correo.test>", "Re: pedido", "¡Gracias! Paso a las 7", "l2@correo.test", inReplyTo: "a1@candeal.test"));
        var one = (await App.Http.ContactAsync(workspace, lucia)).Relationship;
        Assert.Equal(1, one.Exchanges);
        Assert.InRange(one.Strength, 28.0, 28.4); // 100 · (1 − e^(−1/3)) for one exchange minutes old

        await App.IngestAsync(mailbox,
            Answer("a2@candeal.test", "l2@correo.test", "Te esperamos"),
            Email("Lucía <lucia@correo.test>", "Re: pedido", "Perfecto", "l3@correo.test", inReplyTo: "a2@candeal.test"));
        var two = (await App.Http.ContactAsync(workspace, lucia)).Relationship;
        Assert.Equal(2, two.Exchanges);
        Assert.True(two.Strength > one.Strength);

        // Pedro writes a lot and answers the brand's newsletter, but the brand never answered him: no relationship.
        await App.IngestAsync(mailbox, Email(Brand, "Novedades de noviembre", "Llega el roscón", "news@candeal.test") with { FromBrand = true });
        var pedro = Enumerable.Range(1, 10)
            .Select(i => Email("Pedro <pedro@correo.test>", $"Mensaje {i}", $"¿Hay novedades? {i}", $"p{i}@correo.test"))
            .Append(Email("Pedro <pedro@correo.test>", "Re: Novedades", "¡Qué bien!", "p11@correo.test", inReplyTo: "news@candeal.test"))
            .ToArray();
        await App.IngestAsync(mailbox, pedro);
        var pedroId = (await App.ContactOfAsync(mailbox, "p1@correo.test"))!.Value;
        var pedroProfile = await App.Http.ContactAsync(workspace, pedroId);
        Assert.Equal(11, pedroProfile.Contact.MentionCount);
        Assert.Equal((0, 0.0), (pedroProfile.Relationship.Exchanges, pedroProfile.Relationship.Strength));

        // The brand's own account is a contact too, marked as the brand, and not anybody's relationship.
        var brand = (await App.ContactOfAsync(mailbox, "a1@candeal.test"))!.Value;
        Assert.True((await App.Http.ContactAsync(workspace, brand)).Contact.IsBrand);
        Assert.False((await App.Http.ContactAsync(workspace, lucia)).Contact.IsBrand);
    }

    [Fact]
    public async Task An_exchange_of_a_year_ago_weighs_less_than_one_of_today()
    {
        var workspace = await App.CreateWorkspaceAsync("Decae");
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        var yearAgo = DateTimeOffset.UtcNow.AddDays(-360);
        await App.IngestAsync(mailbox,
            Email("Antigua <antigua@correo.test>", "Hola", "Pregunta", "o1@correo.test", date: yearAgo),
            Answer("oa@candeal.test", "o1@correo.test", "Respuesta", yearAgo.AddHours(1)),
            Email("Antigua <antigua@correo.test>", "Re", "Gracias", "o2@correo.test", inReplyTo: "oa@candeal.test", date: yearAgo.AddHours(2)),
            Email("Reciente <reciente@correo.test>", "Hola", "Pregunta", "n1@correo.test"),
            Answer("na@candeal.test", "n1@correo.test", "Respuesta"),
            Email("Reciente <reciente@correo.test>", "Re", "Gracias", "n2@correo.test", inReplyTo: "na@candeal.test"));

        var old = (await App.Http.ContactAsync(workspace, (await App.ContactOfAsync(mailbox, "o1@correo.test"))!.Value)).Relationship;
        var recent = (await App.Http.ContactAsync(workspace, (await App.ContactOfAsync(mailbox, "n1@correo.test"))!.Value)).Relationship;

        Assert.Equal((1, 1), (old.Exchanges, recent.Exchanges));
        Assert.InRange(old.Strength, 0.1, 2.5); // 360 days = four half-lives: weight 1/16, 100 · (1 − e^(−1/48)) ≈ 2.1
        Assert.True(recent.Strength > 10 * old.Strength);
    }

    [Fact]
    public async Task A_profile_shows_their_conversations_sentiment_by_week_and_what_they_talk_about()
    {
        var workspace = await App.CreateWorkspaceAsync("Perfil");
        var query = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/queries", new { name = "Roscón", expression = "roscón" });
        query.EnsureSuccessStatusCode();
        var mailbox = await App.AddChannelAsync(workspace, ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/INBOX");
        var monday = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        await App.IngestAsync(mailbox,
            Email("Rosa <rosa@correo.test>", "Roscón", "Me encanta vuestro roscón #roscon #navidad", "r1@correo.test", date: monday),
            Answer("ra@candeal.test", "r1@correo.test", "¡Gracias Rosa!", monday.AddHours(1)),
            Email("Rosa <rosa@correo.test>", "Re: Roscón", "El roscón de nata es maravilloso #roscon", "r2@correo.test", inReplyTo: "ra@candeal.test", date: monday.AddDays(2)),
            Email("Rosa <rosa@correo.test>", "Queja", "El pan llegó frío y tarde, fatal, muy decepcionada", "r3@correo.test", date: monday.AddDays(8)));

        var rosa = await App.Http.ContactAsync(workspace, (await App.ContactOfAsync(mailbox, "r1@correo.test"))!.Value);

        Assert.Equal(3, rosa.Contact.MentionCount);
        Assert.Equal(2, rosa.Conversations.Count);
        var thread = rosa.Conversations.Single(c => c.TheirMessages == 2);
        Assert.Equal("Roscón", thread.Title);
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9)], rosa.SentimentByWeek.Select(w => w.WeekStart));
        Assert.Equal([2, 1], rosa.SentimentByWeek.Select(w => w.Mentions));
        Assert.True(rosa.SentimentByWeek[0].AverageScore > rosa.SentimentByWeek[1].AverageScore);
        Assert.Equal(new ContactProfile.Topic("#roscon", 2), rosa.Hashtags[0]);
        Assert.Contains(rosa.Terms, t => t.Term == "roscon" && t.Count == 2);
        Assert.Equal(("Roscón", 2), (rosa.ListeningQueries.Single().Name, rosa.ListeningQueries.Single().Count));
        Assert.Equal(["email"], rosa.Contact.Identities.Select(i => i.Kind));
    }
}
