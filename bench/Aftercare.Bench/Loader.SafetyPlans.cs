using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;
using Npgsql;
using NpgsqlTypes;

namespace Aftercare.Bench;

/// <summary>
/// Safety plans: everyone who came in the last year has one, written with a practitioner of their
/// care team soon after that presentation, then revised at later sittings, by the team or by the
/// person from their own account, over the following weeks and months.
/// </summary>
public sealed partial class Loader
{
    /// <summary>A share of the revisions after the first version the person makes themselves.</summary>
    private const double PatientRevisionShare = 0.25;

    /// <summary>How many versions a plan is meant to reach (1 to 6), as cumulative shares; later ones that would fall after today are not made.</summary>
    private static readonly double[] VersionsCumulative = [0.30, 0.55, 0.73, 0.85, 0.94, 1.0];

    private const string PlanCopy =
        """
        COPY safety_plans (id, person_id, current_version, current_content, created_at, updated_at, updated_by_id, updated_by_kind,
            updated_by_name) FROM STDIN (FORMAT BINARY)
        """;

    private const string PlanVersionCopy =
        """
        COPY safety_plan_versions (id, safety_plan_id, number, content, saved_at, saved_by_id, saved_by_kind, saved_by_name)
            FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>Plans were kept from a year before today: everyone presenting since has one.</summary>
    private readonly DateTimeOffset _plansKeptSince;
    /// <summary>In time order: each person's first presentation since plans were kept.</summary>
    private readonly List<PlanStart> _planStarts = [];

    private sealed record PlanStart(Guid Person, int Team, DateTimeOffset At, string Name);

    /// <summary>
    /// Writes the plans and their versions in two COPY streams at once; versions are committed
    /// once the plans they belong to are. Only COPY: the versions table refuses UPDATE, DELETE and
    /// TRUNCATE, and nothing here needs them.
    /// </summary>
    private async Task LoadSafetyPlansAsync(NpgsqlDataSource dataSource, Stopwatch total)
    {
        var started = total.Elapsed;
        void Progress() => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {total.Elapsed.TotalSeconds,6:0} s  safety plans {Interlocked.Read(ref _plans),11:N0} of {_planStarts.Count:N0}  versions {Interlocked.Read(ref _planVersions),11:N0}"));
        using var progress = new Timer(_ => Progress(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource();
        using var plans = new BlockingCollection<Batch<SafetyPlan>>(QueueBatches);
        using var versions = new BlockingCollection<Batch<SafetyPlanVersion>>(QueueBatches);
        var gate = new CommitGate();
        var writers = new[]
        {
            Writer(dataSource, PlanCopy, plans, WritePlan, n => Interlocked.Add(ref _plans, n), cts,
                chunkRows: 20_000, beforeCommit: null, afterCommit: gate.Committed, commitNow: gate.IsWaiting),
            Writer(dataSource, PlanVersionCopy, versions, WritePlanVersion, n => Interlocked.Add(ref _planVersions, n), cts,
                chunkRows: 50_000, beforeCommit: plan => gate.WaitFor(plan, cts.Token), afterCommit: null, commitNow: null),
        };
        await Generate(() => MakePlans(plans, versions, cts.Token), cts, writers, () =>
        {
            plans.CompleteAdding();
            versions.CompleteAdding();
        });
        progress.Change(Timeout.Infinite, Timeout.Infinite);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  safety plans: {_plans:N0} with {_planVersions:N0} versions in {(total.Elapsed - started).TotalSeconds:0.0} s"));
    }

    private void MakePlans(BlockingCollection<Batch<SafetyPlan>> plans, BlockingCollection<Batch<SafetyPlanVersion>> versions, CancellationToken ct)
    {
        var synthetic = new SyntheticPlans(_options.Seed + 2);
        var latest = _now.AddMinutes(-1);
        var planBatch = new List<SafetyPlan>(BatchSize);
        var versionBatch = new List<SafetyPlanVersion>(BatchSize * 3);
        var plansSent = 0;
        var latestPlan = -1;

        void SendPlans()
        {
            if (planBatch.Count == 0) return;
            plans.Add(new([.. planBatch], 0), ct);
            plansSent += planBatch.Count;
            planBatch.Clear();
        }

        // The plans a batch of versions belongs to are sent first, so the writer waiting for them never waits on this thread.
        void SendVersions()
        {
            if (versionBatch.Count == 0) return;
            if (latestPlan >= plansSent) SendPlans();
            versions.Add(new([.. versionBatch], latestPlan), ct);
            versionBatch.Clear();
            latestPlan = -1;
        }

        for (var n = 0; n < _planStarts.Count; n++)
        {
            var start = _planStarts[n];
            var clinicians = _teams[start.Team].Clinicians;
            Author ByTeam()
            {
                var s = _staff[clinicians[synthetic.Next(clinicians.Length)]];
                return Author.ForStaff(new StaffId(s.Id), s.Name);
            }

            var person = new PersonId(start.Person);
            var at = start.At.AddMinutes(10 + synthetic.Next(120));
            if (at > latest) at = latest;
            var content = synthetic.Plan();
            var (plan, first) = SafetyPlan.Create(person, content, ByTeam(), at);
            versionBatch.Add(first);
            var draw = synthetic.NextDouble();
            var wanted = Array.FindIndex(VersionsCumulative, c => draw < c) + 1;
            for (var v = 1; v < wanted; v++)
            {
                at = at.AddDays(1 + synthetic.Next(60)).AddMinutes(synthetic.Next(1440));
                if (at > latest) break;
                var by = synthetic.NextDouble() < PatientRevisionShare ? Author.ForPatient(person, start.Name) : ByTeam();
                content = synthetic.Revise(content);
                if (plan.Revise(plan.CurrentVersion, content, by, at) is { } version) versionBatch.Add(version);
            }
            planBatch.Add(plan);
            latestPlan = n;
            if (planBatch.Count == BatchSize) SendPlans();
            if (versionBatch.Count >= BatchSize) SendVersions();
        }
        SendVersions();
        SendPlans();
    }

    private static void WritePlan(NpgsqlBinaryImporter w, SafetyPlan p)
    {
        w.Write(p.Id.Value, NpgsqlDbType.Uuid);
        w.Write(p.PersonId.Value, NpgsqlDbType.Uuid);
        w.Write(p.CurrentVersion, NpgsqlDbType.Integer);
        // As the application's own jsonb column converter writes it, so the pages read it back.
        w.Write(JsonSerializer.Serialize(p.CurrentContent, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb);
        w.Write(p.CreatedAt, NpgsqlDbType.TimestampTz);
        w.Write(p.UpdatedAt, NpgsqlDbType.TimestampTz);
        w.Write(p.UpdatedBy.Id, NpgsqlDbType.Uuid);
        w.Write((int)p.UpdatedBy.Kind, NpgsqlDbType.Integer);
        w.Write(p.UpdatedBy.Name, NpgsqlDbType.Varchar);
    }

    private static void WritePlanVersion(NpgsqlBinaryImporter w, SafetyPlanVersion v)
    {
        w.Write(v.Id, NpgsqlDbType.Uuid);
        w.Write(v.SafetyPlanId.Value, NpgsqlDbType.Uuid);
        w.Write(v.Number, NpgsqlDbType.Integer);
        w.Write(JsonSerializer.Serialize(v.Content, JsonSerializerOptions.Default), NpgsqlDbType.Jsonb);
        w.Write(v.SavedAt, NpgsqlDbType.TimestampTz);
        w.Write(v.SavedBy.Id, NpgsqlDbType.Uuid);
        w.Write((int)v.SavedBy.Kind, NpgsqlDbType.Integer);
        w.Write(v.SavedBy.Name, NpgsqlDbType.Varchar);
    }
}
