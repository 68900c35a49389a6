using Tertulia.Channels;
using Tertulia.Ingestion;
using Tertulia.Tests.Contacts;
using Tertulia.Tests.Support;
using static Tertulia.Tests.Contacts.ContactsWorld;

namespace Tertulia.Tests.Insights;

/// <summary>
/// A week of a bakery's mailbox (Monday 2 to Sunday 8 November 2026, UTC) and the week before, written the way
/// customers write, through the real pipeline. The figures every Insights test expects are worked out by hand in
/// docs/insights.md's example; the ones in comments here are those.
/// </summary>
public sealed record BakeryWeek(int WorkspaceId, int MailboxId)
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset NextMonday = Monday.AddDays(7);
    public static readonly DateTimeOffset PreviousMonday = Monday.AddDays(-7);

    private const string Brand = "Horno El Candeal <hola@candeal.test>";

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);
    private static DateTimeOffset October(int day, int hour) => new(2026, 10, day, hour, 0, 0, TimeSpan.Zero);

    private static IncomingItem Answer(string id, string to, string text, DateTimeOffset date) =>
        Email(Brand, "Re: consulta", text, id, inReplyTo: to, date: date) with { FromBrand = true };

    private static IncomingItem Newsletter(string id, string subject, string text, DateTimeOffset date) =>
        Email(Brand, subject, text, id, date: date) with { FromBrand = true };

    /// <summary>Every message of both weeks, in an order unlike their dates (a mailbox gives them as it likes).</summary>
    public static IReadOnlyList<IncomingItem> Messages { get; } =
    [
        // The week before: a broadcast nobody answered and a question nobody answered.
        Newsletter("n0@candeal.test", "Horario", "Esta semana horneamos pan de centeno", October(28, 8)),
        Email("Lucía <lucia@correo.test>", "Empanada", "¿Tenéis empanada de atún los sábados?", "q0@correo.test", date: October(29, 17)),

        // The week: Lucía asks, the bakery answers in 2 h, she answers back (a two-way exchange).
        Email("Lucía <lucia@correo.test>", "Domingo", "¿Abrís el domingo por la tarde?", "q1@correo.test", date: At(3, 10)),
        Answer("a1@candeal.test", "q1@correo.test", "Sí, abrimos de 17 a 20 h. ¡Te esperamos!", At(3, 12)),
        Email("Lucía <lucia@correo.test>", "Re: consulta", "¡Gracias! Paso a las 7", "l2@correo.test", inReplyTo: "a1@candeal.test", date: At(3, 13)),
        // Pedro complains, the bakery answers in 30 min; he does not write back.
        Email("Pedro <pedro@correo.test>", "Pedido", "Qué vergüenza, dos horas esperando y el pedido sin llegar", "c1@correo.test", date: At(4, 9)),
        Answer("a2@candeal.test", "c1@correo.test", "Lo sentimos mucho, ya lo hemos resuelto", At(4, 9, 30)),
        // Marta's question is never answered; Rosa's praise needs no answer.
        Email("Marta <marta@correo.test>", "Gluten", "Alguien sabe si tienen pan sin gluten", "q2@correo.test", date: At(5, 18)),
        Email("Rosa <rosa@correo.test>", "Enhorabuena", "¡Enhorabuena! El mejor pan de Valladolid", "p1@correo.test", date: At(6, 11)),
        // Two newsletters: nobody answers the first (a broadcast), Juan answers the second.
        Newsletter("n1@candeal.test", "Horario", "Esta semana horneamos pan de centeno", At(2, 8)),
        Newsletter("n2@candeal.test", "Novedades", "Novedades de noviembre: llega el roscón #roscon", At(7, 8)),
        Email("Juan <juan@correo.test>", "Re: Novedades", "¡Qué bien!", "j1@correo.test", inReplyTo: "n2@candeal.test", date: At(7, 10)),
        // Spam counts nowhere.
        Email("Oferta <oferta@spam.test>", "Gana", "Gana dinero desde casa!!! Haz clic aquí http://x.biz http://y.biz", "s1@spam.test", date: At(5, 3)),
    ];

    public static async Task<BakeryWeek> CreateAsync(TestApp app, string name, IReadOnlyList<IncomingItem>? messages = null)
    {
        var workspace = await app.CreateWorkspaceAsync(name);
        var mailbox = await ContactsWorld.AddChannelAsync(app, workspace, ChannelKind.Email, $"imap://hola@candeal.test@127.0.0.1:143/{Guid.NewGuid():N}");
        await app.IngestAsync(mailbox, (messages ?? Messages).ToArray());
        return new BakeryWeek(workspace, mailbox);
    }
}
