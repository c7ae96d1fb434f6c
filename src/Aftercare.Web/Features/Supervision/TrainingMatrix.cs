using Aftercare.Domain.Common;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Data;
using Aftercare.Web.Features.Shared;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Supervision;

/// <summary>One person's standing on one module, with their latest completion as recorded and by whom.</summary>
public sealed record TrainingCell(TrainingModule Module, TrainingStatus Status, TrainingRecord? Latest);

/// <summary>One member of staff's row of the matrix, most urgent first within it.</summary>
public sealed record TrainingRow(Guid StaffId, string Name, List<TrainingCell> Cells)
{
    public int Urgency => Cells.Count == 0 ? 9 : Cells.Min(c => c.Status.Urgency);
}

/// <summary>
/// Training standing (M14): for some staff, each module in force (retired ones stop counting),
/// from each person's latest completion, on UK dates. Read with one query for the records, whose
/// index holds the staff, module and date.
/// </summary>
public static class TrainingMatrix
{
    public static async Task<List<TrainingModule>> ModulesInForce(AftercareDb db, CancellationToken ct) =>
        await db.TrainingModules.AsNoTracking().Where(m => m.RetiredAt == null).OrderBy(m => m.Name).ToListAsync(ct);

    public static async Task<List<TrainingRow>> For(AftercareDb db, IReadOnlyList<(Guid Id, string Name)> staff, List<TrainingModule> modules, DateOnly today, CancellationToken ct)
    {
        var ids = staff.Select(s => new StaffId(s.Id)).ToList();
        var moduleIds = modules.Select(m => m.Id).ToList();
        var records = await db.TrainingRecords.AsNoTracking().Where(r => ids.Contains(r.StaffId) && moduleIds.Contains(r.TrainingModuleId))
            .OrderByDescending(r => r.CompletedOn).ThenByDescending(r => r.RecordedAt).ToListAsync(ct);
        var latest = records.GroupBy(r => (r.StaffId, r.TrainingModuleId)).ToDictionary(g => g.Key, g => g.First());
        return [.. staff.Select(s =>
        {
            var cells = modules.Select(m =>
            {
                var last = latest.GetValueOrDefault((new StaffId(s.Id), m.Id));
                return new TrainingCell(m, TrainingStatus.Of(last?.CompletedOn, m.RefreshMonths, today), last);
            }).ToList();
            return new TrainingRow(s.Id, s.Name, cells);
        })
        .OrderBy(r => r.Urgency).ThenBy(r => r.Name)];
    }

    public static string Tag(TrainingState state) => state switch
    {
        TrainingState.Overdue => "nhsuk-tag--red",
        TrainingState.NotDone => "nhsuk-tag--grey",
        TrainingState.DueSoon => "nhsuk-tag--yellow",
        _ => "nhsuk-tag--green",
    };

    /// <summary>Records a completion from a form; false, with the message by the field, when it cannot be.</summary>
    public static async Task<bool> Record(AftercareDb db, AuditTrail audit, ModelStateDictionary state, string prefix, Guid staff, Guid? module, DateParts completedOn,
        string? evidence, CurrentStaff by, DateTimeOffset now, CancellationToken ct)
    {
        var found = module is { } m ? await db.TrainingModules.AsNoTracking().FirstOrDefaultAsync(x => x.Id == new TrainingModuleId(m), ct) : null;
        if (found is null) state.AddModelError(prefix + ".Module", "Choose the training module");
        completedOn.TryGetDate(state, prefix + ".CompletedOn", "Date completed", out var day);
        if (!state.IsValid) return false;
        try
        {
            var record = TrainingRecord.Record(new StaffId(staff), found!, day, by.Id, by.Name, evidence, now);
            db.TrainingRecords.Add(record);
            audit.Add(AuditActions.Create, "TrainingRecord", record.Id.ToString(), null, $"{found!.Name} completed {UkTime.FormatDate(day)}");
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (ClinicalRuleException e)
        {
            state.AddModelError(prefix + "." + (e.Field ?? "Module"), e.Message);
            return false;
        }
    }
}
