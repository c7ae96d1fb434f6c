using Aftercare.Domain.Common;
using Aftercare.Domain.Supervision;
using Npgsql;

namespace Aftercare.Web.Features.Supervision;

/// <summary>
/// Adds the training modules defined under <c>Aftercare:TrainingModules</c> in configuration (the
/// ASSURED manual, safety planning, ...) that the deployment does not have yet, by their code, at
/// start-up. Idempotent, and safe with several nodes starting together: a module already there,
/// whether seeded or changed or retired by an administrator since, is left as it is. A definition
/// that breaks a rule stops start-up with a message naming it.
/// </summary>
public static class TrainingModuleSeeder
{
    public static IReadOnlyList<TrainingModule> Configured(IConfiguration config, DateTimeOffset now)
    {
        var list = new List<TrainingModule>();
        foreach (var section in config.GetSection("Aftercare:TrainingModules").GetChildren())
        {
            var c = section.Get<ConfiguredModule>() ?? new ConfiguredModule();
            try
            {
                var module = TrainingModule.Create(c.Code, c.Name, c.Description, c.RefreshMonths, now);
                if (list.Any(m => m.Code == module.Code)) throw new ClinicalRuleException($"The training module code '{module.Code}' is used twice");
                list.Add(module);
            }
            catch (ClinicalRuleException e)
            {
                throw new InvalidOperationException($"Configuration Aftercare:TrainingModules:{section.Key}: {e.Message}", e);
            }
        }
        return list;
    }

    public static async Task SeedAsync(NpgsqlDataSource dataSource, IConfiguration config, TimeProvider clock, CancellationToken ct = default)
    {
        var modules = Configured(config, clock.GetUtcNow());
        if (modules.Count == 0) return;
        await using var cmd = dataSource.CreateCommand(
            """
            INSERT INTO training_modules (id, code, name, description, refresh_months, created_at)
            SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::integer[], $6::timestamptz[])
            ON CONFLICT (code) DO NOTHING
            """);
        cmd.Parameters.Add(new() { Value = modules.Select(m => m.Id.Value).ToArray() });
        cmd.Parameters.Add(new() { Value = modules.Select(m => m.Code).ToArray() });
        cmd.Parameters.Add(new() { Value = modules.Select(m => m.Name).ToArray() });
        cmd.Parameters.Add(new() { Value = modules.Select(m => m.Description).ToArray() });
        cmd.Parameters.Add(new() { Value = modules.Select(m => m.RefreshMonths).ToArray() });
        cmd.Parameters.Add(new() { Value = modules.Select(m => m.CreatedAt).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private sealed class ConfiguredModule
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public int? RefreshMonths { get; set; }
    }
}
