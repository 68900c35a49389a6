using Tertulia.Ingestion;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

/// <summary>The same mentions on SQLite (FTS5) and on PostgreSQL (tsvector): every query of the table finds the same ones.</summary>
public class SearchOnBothStoresTests(SearchOnBothStoresTests.Stores stores) : IClassFixture<SearchOnBothStoresTests.Stores>
{
    public static readonly string[] Corpus =
    [
        "Mi opinión sincera: el pan está riquísimo",
        "OPINION: la atención fue excelente",
        "Atender bien es lo primero en una panadería",
        "El año pasado el niño pidió un roscón",
        "Hay que ir al baño antes del ano nuevo... ¿o era año?",
        "#MasaMadre y masa de hojaldre, 100% artesanal",
        "Escríbenos a hola@candeal.es o llama al 983-123-456",
        "El pingüino de la pastelería se llama Ñandú",
        "col_umn, e-mail y otros inventos raros",
        "Café con leche y cruasán: 3,50 € en Valladolid",
        "Las empanadas del Candeal, las mejores de Castilla y León",
        "Nada que ver con esto",
        "Croissants, CROISSANT, croissant: ¿cuál es el plural?",
        "Versión 2.0 del menú: tartas y tartaletas",
    ];

    public static TheoryData<string> Queries =>
    [
        "opinion", "OPINIÓN", "Opinion", "aten*", "atencion excelente", "pan", "pan*", "año", "ano", "nino", "NIÑO",
        "masamadre", "#masamadre", "masa*", "hola@candeal.es", "candeal", "983", "pinguino", "ñandu", "nandu", "col_umn",
        "e-mail", "email", "cafe", "3", "50", "croissant", "croissant*", "version 2", "2.0", "tarta", "tarta*",
        "castilla leon", "menu", "valladolid cafe", "roscón", "zzz", "a", "de",
    ];

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task A_query_finds_the_same_mentions_on_SQLite_and_PostgreSQL(string q)
    {
        TestStore.RequirePostgres();
        var (sqlite, postgres) = await stores.ReadyAsync();

        var onSqlite = await SearchAsync(sqlite, q);
        var onPostgres = await SearchAsync(postgres, q);

        Assert.Equal(onSqlite, onPostgres);
        Assert.True(onSqlite.Count > 0 || q == "zzz", $"'{q}' should find something in the corpus");
    }

    private static async Task<List<string>> SearchAsync((TestApp App, int Workspace) store, string q)
    {
        var search = store.App.Services.GetService(typeof(IMentionSearch)) as IMentionSearch;
        var page = await search!.SearchAsync(new MentionFilter(store.Workspace, SearchQuery.Parse(q), PageSize: 100), CancellationToken.None);
        return page.Items.Select(m => m.ExternalId).ToList();
    }

    /// <summary>One app per store, holding the corpus; started on first use so a run without PostgreSQL can skip.</summary>
    public sealed class Stores : IAsyncLifetime
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private (TestApp App, int Workspace)? _sqlite;
        private (TestApp App, int Workspace)? _postgres;

        public async Task<((TestApp App, int Workspace) Sqlite, (TestApp App, int Workspace) Postgres)> ReadyAsync()
        {
            await _lock.WaitAsync();
            try
            {
                _sqlite ??= await StartAsync(StoreKind.Sqlite);
                _postgres ??= await StartAsync(StoreKind.Postgres);
                return (_sqlite.Value, _postgres.Value);
            }
            finally
            {
                _lock.Release();
            }
        }

        private static async Task<(TestApp, int)> StartAsync(StoreKind store)
        {
            var app = await TestApp.StartAsync(store: store);
            var workspace = await app.CreateWorkspaceAsync("Búsqueda en " + store);
            var channel = await app.AddChannelAsync(workspace);
            var start = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
            IncomingItem[] items = [.. Corpus.Select((text, i) => Item($"m{i}", text, published: start.AddMinutes(i % 5)))];
            await app.IngestAsync(channel, items);
            return (app, workspace);
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_sqlite is { } s)
            {
                await s.App.DisposeAsync();
            }
            if (_postgres is { } p)
            {
                await p.App.DisposeAsync();
            }
        }
    }
}
