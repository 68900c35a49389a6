using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Tertulia.Storage;

/// <summary>
/// The Data Protection key ring in PostgreSQL (table "DataProtectionKeys", see the PostgreSQL migration of that name),
/// so every node can read the channel credentials any node encrypted. On SQLite the keys stay in a folder beside the file.
/// </summary>
public sealed class PostgresKeyRing(StoreConnection store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(store.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("""SELECT "Xml" FROM "DataProtectionKeys" ORDER BY "Id" """, connection);
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new NpgsqlConnection(store.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES ($1, $2)""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
