using System.Reflection;
using Npgsql;

namespace Aftercare.Web.Data;

/// <summary>
/// Applies the numbered SQL files in Data/Migrations, each once, in order, in its own transaction.
/// A session-level advisory lock makes several web nodes starting together take turns.
/// Why plain SQL and not EF migrations: see docs/decisions/0002-sql-migrations.md.
/// </summary>
public static class Migrator
{
    private const long LockKey = 0x4166746572636172; // "Aftercar"

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, ILogger? log = null, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await Exec(conn, "SELECT pg_advisory_lock(" + LockKey + ")", ct);
        try
        {
            await Exec(conn, "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = new Dictionary<string, string>();
            await using (var cmd = new NpgsqlCommand("SELECT id, checksum FROM schema_migrations", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied[reader.GetString(0)] = reader.GetString(1);

            foreach (var (id, sql) in Scripts())
            {
                var checksum = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sql)));
                if (applied.TryGetValue(id, out var was))
                {
                    // An applied migration that has since been edited would leave this database unlike every other.
                    if (was != checksum)
                        throw new InvalidOperationException($"Migration {id} has changed since it was applied to this database. Add a new migration instead of editing one that has been applied.");
                    continue;
                }
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(sql, conn, tx)) await cmd.ExecuteNonQueryAsync(ct);
                await using (var cmd = new NpgsqlCommand("INSERT INTO schema_migrations (id, checksum) VALUES (@id, @checksum)", conn, tx))
                {
                    cmd.Parameters.AddWithValue("id", id);
                    cmd.Parameters.AddWithValue("checksum", checksum);
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log?.LogInformation("Applied migration {Migration}", id);
            }
        }
        finally
        {
            await Exec(conn, "SELECT pg_advisory_unlock(" + LockKey + ")", CancellationToken.None);
        }
    }

    public static IEnumerable<(string Id, string Sql)> Scripts()
    {
        var asm = typeof(Migrator).Assembly;
        const string prefix = "Aftercare.Web.Data.Migrations.";
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix) && n.EndsWith(".sql")).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name[prefix.Length..^4], reader.ReadToEnd());
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
