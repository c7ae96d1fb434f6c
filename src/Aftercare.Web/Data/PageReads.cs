using Npgsql;

namespace Aftercare.Web.Data;

/// <summary>
/// The worklist pages, whose whole read is one round trip with the session check (the banner and
/// the list), go through a data source of their own, whose pool is no larger than the database can
/// run at once (ADR 0016). Past that size, more connections only make the database's processes
/// take turns on the same cores: each page then costs more, and the slowest pages wait longest. A
/// burst of those pages waits its turn for a connection in the application instead. Other pages
/// check their session on the main pool: for them a queue here would only come in front of reads
/// that still go through the main pool.
/// <para>
/// Each use is one statement or one batch that holds its connection only while it runs and never
/// opens another meanwhile, so a small pool cannot deadlock. Everything else (transactions, the
/// record, saves, jobs) keeps the main pool.
/// </para>
/// </summary>
public static class PageReads
{
    /// <summary>The key of the page reads' <see cref="NpgsqlDataSource"/> among the services.</summary>
    public const string Key = "page-reads";

    /// <summary>How the database names its connections (pg_stat_activity.application_name).</summary>
    public const string ApplicationName = "Aftercare page reads";

    /// <summary>The pool size when none is configured: twice the cores, and one more (the database is on this machine unless configured otherwise).</summary>
    public static int DefaultConnections => 2 * Environment.ProcessorCount + 1;
}
