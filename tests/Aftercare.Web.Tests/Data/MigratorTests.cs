using Aftercare.Web.Data;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Tests.Data;

public sealed class MigratorTests : IAsyncLifetime
{
    private readonly string _database = "aftercare_migrate_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource _db = null!;

    public async Task InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AftercareFactory.AdminConnection) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {_database}", admin).ExecuteNonQueryAsync();
        _db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(AftercareFactory.AdminConnection) { Database = _database }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AftercareFactory.DropDatabase(_database);
    }

    [Fact]
    public async Task Migrations_ApplyOnce_EvenWhenTwoNodesStartTogether()
    {
        await Task.WhenAll(Migrator.MigrateAsync(_db), Migrator.MigrateAsync(_db));
        await Migrator.MigrateAsync(_db);
        var applied = (long)(await _db.CreateCommand("SELECT count(*) FROM schema_migrations").ExecuteScalarAsync())!;
        Assert.Equal(Migrator.Scripts().Count(), applied);
    }

    [Fact]
    public async Task AnAppliedMigrationThatWasEditedLater_StopsStartUp_WithAClearMessage()
    {
        await Migrator.MigrateAsync(_db);
        await _db.CreateCommand("UPDATE schema_migrations SET checksum = 'edited' WHERE id = '0001_initial'").ExecuteNonQueryAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.MigrateAsync(_db));
        Assert.Contains("0001_initial has changed", error.Message);
    }

    [Fact]
    public async Task TheMigratedSchema_HasEveryTableAndColumnTheModelMaps()
    {
        await Migrator.MigrateAsync(_db);
        var columns = new HashSet<string>();
        await using (var cmd = _db.CreateCommand("SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add(reader.GetString(0));

        await using var model = new AftercareDb(new DbContextOptionsBuilder<AftercareDb>().UseNpgsql(_db).Options);
        var mapped = model.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
            .Where(c => !c.EndsWith(".xmin"))
            .ToList();
        Assert.True(mapped.Count > 50, $"Only {mapped.Count} columns mapped: the model was not read");
        var missing = mapped.Where(c => !columns.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Add a migration for: " + string.Join(", ", missing));
    }
}
