using Tertulia.Storage;
using Tertulia.Tests.Support;
using Tertulia.Tests.Web;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Storage;

public class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_Tertulia_runs_restores_every_row()
    {
        await using var app = await TestApp.StartAsync(store: StoreKind.Sqlite);
        var workspace = await app.CreateWorkspaceAsync("Copia de seguridad");
        var channel = await app.AddChannelAsync(workspace);
        await app.IngestAsync(channel, Item("p1", "El roscón de Reyes ya está aquí"), Item("c1", "¡Reservo dos!", parent: "p1"));
        using var folder = new TempFolder();
        var backup = Path.Combine(folder.Path, "copia.db");
        var restored = Path.Combine(folder.Path, "restaurada.db");

        // The app goes on working (its alert evaluator writes as it pleases): the copy is compared with the rows of a
        // moment nothing changed, the backup taken in between; a write during it means another try.
        for (var attempt = 1; ; attempt++)
        {
            File.Delete(backup);
            File.Delete(restored);
            var before = await StoreCopyTests.RowsAsync(app.Database.ConnectionString);
            var (backedUp, backupOutput) = await CliTests.RunTertuliaAsync("backup", "--database", app.Database.ConnectionString, "--to", backup);
            var after = await StoreCopyTests.RowsAsync(app.Database.ConnectionString);
            Assert.True(backedUp == 0, backupOutput);
            if (!Same(before, after) && attempt < 5)
            {
                continue;
            }
            var (restoredCode, restoreOutput) = await CliTests.RunTertuliaAsync("restore", "--database", restored, "--from", backup);
            Assert.True(restoredCode == 0, restoreOutput);
            StoreCopyTests.AssertSameRows(after, await StoreCopyTests.RowsAsync(restored));
            break;
        }
    }

    [Fact]
    public async Task On_PostgreSQL_backup_points_to_pg_dump()
    {
        var (code, output) = await CliTests.RunTertuliaAsync("backup", "--database", "postgres://tertulia@db.example:5432/clientes", "--to", "x");

        Assert.Equal(2, code);
        Assert.Contains("pg_dump -Fc -h db.example -p 5432 -U tertulia -d clientes", output);
    }

    private static bool Same<TRows>(Dictionary<string, TRows> a, Dictionary<string, TRows> b) where TRows : IEnumerable<string> =>
        a.Count == b.Count && a.All(t => b.TryGetValue(t.Key, out var other) && t.Value.SequenceEqual(other));
}
