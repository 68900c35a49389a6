using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tertulia.Storage;

/// <summary>
/// Inserts rows of a mapped entity with multi-row INSERTs prepared once and bound again chunk after chunk, in the
/// context's connection and transaction, untracked. Table, columns and value conversions (instants as Unix
/// milliseconds on SQLite, UTC on PostgreSQL) come from the EF model, so the rows are stored exactly as SaveChanges
/// would store them. For rows written by the thousand in the storing transaction (the insights rollups, a batch's
/// conversation messages), where the change tracker's bookkeeping costs more than the rows. A key the store generates
/// is left to the store and not read back: the written objects keep Id 0.
/// </summary>
public static class RowInserter
{
    /// <summary>Rows per INSERT: well under either store's limit on parameters for the widest rollup row.</summary>
    private const int RowsPerStatement = 64;

    public static async Task InsertAsync<T>(TertuliaDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // A key the store generates is left to it (and not read back); anything else generated is not for this.
        var generated = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.Never).ToList();
        if (generated.Any(p => !(p.IsPrimaryKey() && entity.FindPrimaryKey()!.Properties.Count == 1)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has store-generated values besides its key: insert it with SaveChanges");
        }
        var columns = entity.GetProperties().Where(p => !p.IsShadowProperty() && p.ValueGenerated == ValueGenerated.Never).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            // What each column reads from a row, looked up once per call rather than once per value.
            var values = columns.Select(c => (Property: c.PropertyInfo!, c.GetTypeMapping().Converter)).ToArray();
            DbCommand? full = null;
            foreach (var chunk in rows.Chunk(RowsPerStatement))
            {
                var command = chunk.Length == RowsPerStatement ? full ??= Command(db, sql, table, columns, chunk.Length) : Command(db, sql, table, columns, chunk.Length);
                var parameter = 0;
                foreach (var row in chunk)
                {
                    foreach (var (property, converter) in values)
                    {
                        var value = property.GetValue(row);
                        if (value is not null && converter is not null)
                        {
                            value = converter.ConvertToProvider(value);
                        }
                        command.Parameters[parameter++].Value = value ?? DBNull.Value;
                    }
                }
                await command.ExecuteNonQueryAsync(ct);
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static DbCommand Command(TertuliaDb db, ISqlGenerationHelper sql, StoreObjectIdentifier table, List<IProperty> columns, int rows)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!))).Append(") VALUES ");
        var parameter = 0;
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "@p" + parameter++;
                text.Append(c == 0 ? "" : ", ").Append(name);
                var p = command.CreateParameter();
                p.ParameterName = name;
                command.Parameters.Add(p);
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        return command;
    }
}
