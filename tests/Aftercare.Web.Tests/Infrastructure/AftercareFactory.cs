using Aftercare.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Aftercare.Web.Tests.Infrastructure;

/// <summary>
/// The real application on a real PostgreSQL database of its own, created for this factory and
/// dropped afterwards. The server comes from ./test.sh (AFTERCARE_TEST_ADMIN_CONNECTION).
/// </summary>
public class AftercareFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public FakeClock Clock { get; } = new();
    public string DatabaseName { get; }
    public string ConnectionString { get; }
    protected virtual int SignInAttemptsPerMinute => 100_000;
    /// <summary>Whether this instance fires due work. Off for most tests, so time they move fires nothing behind their back.</summary>
    protected virtual bool DueWorkEnabled => false;
    /// <summary>False for a second instance on another's database: it neither creates nor drops it.</summary>
    private readonly bool ownsDatabase;

    public AftercareFactory() : this(null) { }

    /// <summary>An instance on an existing database (a second node), or on a new one of its own when <paramref name="sharedDatabase"/> is null.</summary>
    protected AftercareFactory(string? sharedDatabase)
    {
        ownsDatabase = sharedDatabase is null;
        DatabaseName = sharedDatabase ?? "aftercare_test_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnection) { Database = DatabaseName }.ConnectionString;
    }

    public static string AdminConnection =>
        Environment.GetEnvironmentVariable("AFTERCARE_TEST_ADMIN_CONNECTION")
        ?? throw new InvalidOperationException("AFTERCARE_TEST_ADMIN_CONNECTION is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    public virtual async Task InitializeAsync()
    {
        if (!ownsDatabase)
        {
            _ = Services;
            return;
        }
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnection) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", admin);
        await cmd.ExecuteNonQueryAsync();
        _ = Services; // start the host: migrations run now
    }

    /// <summary>Things of a derived fixture to close before the application stops.</summary>
    protected virtual Task CloseAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await CloseAsync();
        await base.DisposeAsync();
        if (!ownsDatabase) return;
        NpgsqlConnection.ClearAllPools();
        await DropDatabase(DatabaseName);
    }

    /// <summary>
    /// Drops a test database. A connection still closing can make PostgreSQL refuse for a moment,
    /// so it tries again; a database left behind is reported, not a reason to fail the run.
    /// </summary>
    public static async Task DropDatabase(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnection) { Database = "postgres" }.ConnectionString);
                await admin.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 5)
            {
                Console.WriteLine($"Dropping {name} failed ({e.SqlState}: {e.MessageText}); trying again");
                await Task.Delay(500 * attempt);
            }
            catch (PostgresException e)
            {
                Console.WriteLine($"Test database {name} was left behind: {e.SqlState}: {e.MessageText}");
                return;
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Aftercare:LocalDatabase", ConnectionString);
        builder.UseSetting("Aftercare:DemoMode", "false");
        builder.UseSetting("Aftercare:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString());
        builder.UseSetting("Aftercare:DueWork:Enabled", DueWorkEnabled ? "true" : "false");
        builder.UseSetting("Aftercare:DueWork:PollSeconds", "0.1");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public WebSession NewSession() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), this);

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDb<T>(Func<AftercareDb, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AftercareDb>());
    }
}

/// <summary>Most integration tests share one application and database; each makes its own teams and people.</summary>
[CollectionDefinition("web")]
public sealed class WebCollection : ICollectionFixture<AftercareFactory>;
