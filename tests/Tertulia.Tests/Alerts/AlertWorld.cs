using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Alerts.Incidents;
using Tertulia.Ingestion;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>A workspace with a channel, and the messy things its customers write.</summary>
public sealed class AlertWorld(TestApp app, int workspace, int channel)
{
    public TestApp App => app;
    public int Workspace => workspace;
    public int Channel => channel;
    private int _next;

    public static async Task<AlertWorld> CreateAsync(TestApp app, string name = "Horno El Candeal")
    {
        var workspace = await app.CreateWorkspaceAsync($"{name} {Guid.NewGuid().ToString("N")[..6]}");
        var channel = await app.AddChannelAsync(workspace, $"https://blog.example/{Guid.NewGuid():N}/feed/");
        return new AlertWorld(app, workspace, channel);
    }

    public static readonly string[] Ordinary =
    [
        "Qué rico el pan de centeno de hoy, repetiremos 🥖",
        "¿A qué hora abrís los domingos?",
        "Buenísimas las napolitanas, como siempre.",
        "El sábado había cola pero mereció la pena",
        "¿Hacéis tartas por encargo para cumpleaños?",
    ];

    public static readonly string[] Angry =
    [
        "Fatal. El pedido llegó tarde, frío y encima faltaba la mitad. Qué vergüenza de servicio.",
        "Horrible la atención hoy, nos trataron fatal y no pienso volver. Muy decepcionada.",
        "Pésimo. Pagué una tarta y me dieron otra, nadie contesta al teléfono. Indignante!!",
        "Vaya desastre de obrador, pan duro y quemado. Una estafa de precio para esa calidad.",
    ];

    public async Task SayAsync(string text, DateTimeOffset? at = null, string? author = null)
    {
        var id = $"m{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..20];
        var item = Pipeline.Item(id, text, published: at ?? DateTimeOffset.UtcNow) with { Author = author ?? $"cliente{_next % 7}" };
        await app.IngestAsync(channel, item);
    }

    public async Task SayAllAsync(IEnumerable<(string Text, DateTimeOffset At)> items)
    {
        var batch = items.Select(i => Pipeline.Item($"h{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..20], i.Text, published: i.At) with { Author = $"vecina{_next % 11}" }).ToArray();
        await app.IngestAsync(channel, batch);
    }

    /// <summary>Four quiet weeks: two or three mentions a day, in opening hours.</summary>
    public Task QuietHistoryAsync(int days = 28, int perDay = 3)
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(workspace);
        return SayAllAsync(Enumerable.Range(1, days).SelectMany(d => Enumerable.Range(0, perDay - (d % 3 == 0 ? 1 : 0))
            .Select(k => (Ordinary[(d + k) % Ordinary.Length], now.AddDays(-d).AddHours(random.Next(-4, 4))))));
    }

    public async Task<List<Incident>> IncidentsAsync()
    {
        await using var db = app.Db();
        return await db.Incidents.AsNoTracking().Where(i => i.WorkspaceId == workspace).OrderBy(i => i.Id).ToListAsync();
    }

    public async Task<Incident> OneIncidentAsync(Func<Incident, bool>? condition = null, int seconds = 20)
    {
        Incident? found = null;
        await TestApp.Eventually(async () =>
        {
            var all = await IncidentsAsync();
            found = all.FirstOrDefault(i => condition?.Invoke(i) ?? true);
            return found is not null;
        }, "an incident", seconds);
        return found!;
    }

    public async Task<JsonElement> UnreadAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/alerts/unread");
}
