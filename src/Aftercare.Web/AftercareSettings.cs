namespace Aftercare.Web;

/// <summary>How this instance is configured, resolved once at start-up.</summary>
public sealed class AftercareSettings
{
    public required string ConnectionString { get; init; }
    /// <summary>True when AFTERCARE_DATABASE named the database: a real deployment.</summary>
    public bool UsesExternalDatabase { get; init; }
    /// <summary>Demo accounts may skip the second factor. Never on with an external database.</summary>
    public bool DemoMode { get; init; }
    public bool SeedDemoData { get; init; }
    public int SignInAttemptsPerMinute { get; init; } = 10;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromHours(12);
    /// <summary>Whether this node fires due work (timers). On by default; every node can, and each row fires once.</summary>
    public bool DueWorkEnabled { get; init; } = true;
    public TimeSpan DueWorkPoll { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How often each node checks that the sessions its live pages were opened under are still current.</summary>
    public TimeSpan LiveSessionCheck { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>The pool size of the worklist pages' reads (Data/PageReads, ADR 0016): about what the database can run at once.</summary>
    public int PageReadConnections { get; init; } = Data.PageReads.DefaultConnections;

    public static AftercareSettings Resolve(IConfiguration config) => Resolve(config, Environment.GetEnvironmentVariable);

    public static AftercareSettings Resolve(IConfiguration config, Func<string, string?> environment)
    {
        var external = environment("AFTERCARE_DATABASE");
        var usesExternal = !string.IsNullOrWhiteSpace(external);
        var connection = usesExternal
            ? external!
            : config["Aftercare:LocalDatabase"] ?? environment("AFTERCARE_LOCAL_DATABASE")
              ?? throw new InvalidOperationException(
                  "No database configured. Start Aftercare with ./run.sh, or set AFTERCARE_DATABASE to a PostgreSQL connection string.");
        var demo = config.GetValue("Aftercare:DemoMode", false) && !usesExternal;
        return new AftercareSettings
        {
            ConnectionString = connection,
            UsesExternalDatabase = usesExternal,
            DemoMode = demo,
            SeedDemoData = demo && config.GetValue("Aftercare:SeedDemoData", true),
            SignInAttemptsPerMinute = config.GetValue("Aftercare:SignInAttemptsPerMinute", 10),
            IdleTimeout = TimeSpan.FromMinutes(config.GetValue("Aftercare:IdleTimeoutMinutes", 30)),
            AbsoluteLifetime = TimeSpan.FromHours(config.GetValue("Aftercare:AbsoluteLifetimeHours", 12)),
            DueWorkEnabled = config.GetValue("Aftercare:DueWork:Enabled", true),
            DueWorkPoll = TimeSpan.FromMilliseconds(Math.Max(50, config.GetValue("Aftercare:DueWork:PollSeconds", 5.0) * 1000)),
            LiveSessionCheck = TimeSpan.FromMilliseconds(Math.Max(100, config.GetValue("Aftercare:Live:SessionCheckSeconds", 30.0) * 1000)),
            PageReadConnections = Math.Max(1, config.GetValue("Aftercare:Database:PageReadConnections", Data.PageReads.DefaultConnections)),
        };
    }
}
