using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

/// <summary>The same mentions on SQLite (FTS5) and on PostgreSQL (tsvector): every query of the table finds the same ones.</summary>
public class SearchOnBothStoresTests(SearchOnBothStoresTests.Stores stores) : IClassFixture<SearchOnBothStoresTests.Stores>
{
    /// <summary>Title | text | author of each mention: Spanish text with the accents, ñ, hashtags and punctuation people write.</summary>
    public static readonly string[] Corpus =
    [
        "Mi opinión | Mi opinión sincera: el pan está riquísimo | Marisa Llorente",
        "| OPINION: la atención fue excelente | pili",
        "Atender bien | Atender bien es lo primero en una panadería | Luis",
        "El roscón | El año pasado el niño pidió un roscón | Ana",
        "| Hay que ir al baño antes del ano nuevo... ¿o era año? | Ana",
        "Masa madre | #MasaMadre y masa de hojaldre, 100% artesanal; la madre de la masa | @hornoelcandeal",
        "Contacto | Escríbenos a hola@candeal.es o llama al 983-123-456 | Horno El Candeal",
        "El pingüino | El pingüino de la pastelería se llama Ñandú | Marisa",
        "| jorge_vll dice: col_umn, e-mail y otros inventos raros | jorge_vll",
        "Café | Café con leche y cruasán: 3,50 € en Valladolid | Pili",
        "Empanadas | Las empanadas del Candeal, las mejores de Castilla y León | Luis",
        "Nada | Nada que ver con esto | Ana",
        "Croissants | Croissants, CROISSANT, croissant: ¿cuál es el plural? Straße | Luis",
        "Versión 2.0 | Versión 2.0 del menú: tartas y tartaletas del horno Candeal | Ana",
        "Masa | madre | Ana",
        "¡Abierto! | «abierto» los domingos en l'Horta, sin gluten | Marisa",
        "Oferta | El Candeal tiene una oferta de pan de masa madre | Pili",
    ];

    public static TheoryData<string> Queries =>
    [
        "opinion", "OPINIÓN", "aten*", "atencion excelente", "pan", "pan*", "año", "ano", "nino", "NIÑO", "niño",
        "masamadre", "#masamadre", "@hornoelcandeal", "masa*", "\"masa madre\"", "\"masa madre\"~2", "masa madre",
        "hola@candeal.es", "candeal", "983", "pinguino", "ñandu", "nandu", "col_umn", "jorge_vll", "e-mail", "cafe",
        "3", "croissant", "croissant*", "cruas?n", "version 2", "2.0", "tarta*", "castilla leon", "castilla OR leon",
        "candeal -oferta", "candeal NOT (oferta OR horno)", "pan OR tarta* queso", "candeal NEAR/3 horno",
        "horno NEAR/3f candeal", "title:masa", "título:(oferta OR café)", "author:pili", "autor:\"Marisa Llorente\"",
        "raw:Candeal", "exacto:OPINION", "\"l horta\"", "horta", "abierto", "\"sin gluten\"", "straße", "strasse",
        "\"madre masa\"", "lang:es", "canal:\"Test channel\" candeal", "zzz",
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
        Assert.True(onSqlite.Count > 0 || q is "zzz" or "strasse" or "@hornoelcandeal" or "\"madre masa\"", $"'{q}' should find something in the corpus");
    }

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task Best_matches_first_finds_the_same_mentions_on_SQLite_and_PostgreSQL_each_ranked_by_its_engine(string q)
    {
        TestStore.RequirePostgres();
        var (sqlite, postgres) = await stores.ReadyAsync();

        var newest = await SearchAsync(sqlite, q);
        var onSqlite = await SearchAsync(sqlite, q, MentionOrder.Relevance);
        var onPostgres = await SearchAsync(postgres, q, MentionOrder.Relevance);

        Assert.Equal(newest.Order(), onSqlite.Order());
        Assert.Equal(newest.Order(), onPostgres.Order());
    }

    private static async Task<List<string>> SearchAsync((TestApp App, int Workspace) store, string q, MentionOrder order = MentionOrder.Newest)
    {
        var search = store.App.Services.GetService(typeof(IMentionSearch)) as IMentionSearch;
        var page = await search!.SearchAsync(new MentionFilter(store.Workspace, QueryParser.Parse(q), PageSize: 100) { Order = order }, CancellationToken.None);
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
            IncomingItem[] items = [.. Corpus.Select((line, i) => line.Split('|', StringSplitOptions.TrimEntries)).Select((f, i) =>
                Item($"m{i}", f[1], published: start.AddMinutes(i % 5)) with { Title = f[0].Length > 0 ? f[0] : null, Author = f[2], Language = "es" })];
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
