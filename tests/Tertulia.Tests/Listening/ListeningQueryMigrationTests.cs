using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tertulia.Listening;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Listening;

public sealed class ListeningQueryMigrationTests
{
    [Fact]
    public async Task Keyword_lists_saved_before_the_query_language_become_queries_that_match_the_same_mentions()
    {
        using var folder = new TempFolder();
        var options = new DbContextOptionsBuilder<TertuliaDb>()
            .UseSqlite(StorageRegistration.SqliteConnectionString(Path.Combine(folder.Path, "old.db")))
            .Options;
        await using (var db = new TertuliaDb(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("ChannelCredentials");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Workspaces" ("Id", "Name", "Slug", "CreatedAt") VALUES (1, 'Bicis Ruiz', 'bicis-ruiz', 0);
                INSERT INTO "ListeningQueries" ("WorkspaceId", "Name", "Keywords", "Active", "CreatedAt")
                VALUES (1, 'Marca', 'Bicis Ruiz, #bicisruiz; taller
                pastillas de freno', 1, 1700000000000);
                """);
        }
        SqliteConnection.ClearAllPools();

        await using (var db = new TertuliaDb(options))
        {
            await db.Database.MigrateAsync();
            var query = await db.ListeningQueries.SingleAsync();
            var parsed = QueryParser.Parse(query.Expression);

            // Each keyword was a phrase; spaces inside the quotes change nothing.
            Assert.Equal("\"Bicis Ruiz\" OR \" #bicisruiz\" OR \" taller\" OR \"pastillas de freno\"", query.Expression);
            Assert.Equal(query.CreatedAt, query.UpdatedAt);
            Assert.True(QuerySet.Matches(parsed, new MentionDocument(null, "Gracias #BicisRuiz")));
            Assert.True(QuerySet.Matches(parsed, new MentionDocument(null, "me cambiaron las PASTILLAS de freno")));
            Assert.False(QuerySet.Matches(parsed, new MentionDocument(null, "las pastillas y el freno")));
        }
        SqliteConnection.ClearAllPools();
    }
}
