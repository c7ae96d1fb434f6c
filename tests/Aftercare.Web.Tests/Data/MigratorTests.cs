using Aftercare.Web.Data;
using Aftercare.Web.Tests.Infrastructure;
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
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AftercareFactory.AdminConnection) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
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
}
