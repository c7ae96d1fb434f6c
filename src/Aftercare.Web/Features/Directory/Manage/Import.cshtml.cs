using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Directory.Manage;

/// <summary>
/// An administrator loads a directory published elsewhere in the Open Referral UK form. A file
/// with any problem is refused with every problem named by its line or field, and loads nothing;
/// a good file loads whole, in one transaction, and loading it again changes nothing.
/// </summary>
public sealed class ImportModel(DirectoryImporter importer) : PageModel
{
    public const long MaxBytes = 5 * 1024 * 1024;

    [BindProperty(Name = "Form")] public ImportForm Form { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var file = Form.File;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("Form.File", "Choose an Open Referral JSON file of services");
            return Page();
        }
        if (file.Length > MaxBytes)
        {
            ModelState.AddModelError("Form.File", "The file must be smaller than 5 MB. Split a larger directory into several files");
            return Page();
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var read = OpenReferralReader.Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (!read.IsValid)
        {
            foreach (var problem in read.Problems) ModelState.AddModelError("Form.File", problem);
            return Page();
        }
        var name = Path.GetFileName(file.FileName);
        var source = string.IsNullOrWhiteSpace(name) ? "a file" : name.Length > 100 ? name[..100] : name;
        try
        {
            var outcome = await importer.Load(read.Services, CurrentStaff.From(User)!, source, ct);
            TempData["Notice"] = $"Loaded {source}: {outcome.Describe()}";
        }
        catch (DirectoryChangedException)
        {
            ModelState.AddModelError("Form.File", "The directory changed while the file was being loaded, so nothing was loaded. Load the file again");
            return Page();
        }
        return Redirect("/directory/manage");
    }

    public sealed class ImportForm
    {
        public IFormFile? File { get; set; }
    }
}
