using Aftercare.Domain.Directory;
using Aftercare.Web.Data;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Directory;

/// <summary>Services for the directory tests, each in areas of its own so tests sharing a database do not see each other's.</summary>
public static class DirectoryTestData
{
    public static readonly string[] SampleIds =
    [
        "cdec2100-5050-4580-8dd9-0054245b4e5d",
        "aaf0de18-69c4-4761-9c80-866c673229c6",
        "9be98e5e-fc18-43b3-bccd-7bb34d091e3f",
        "6e8370aa-52d3-4874-86e4-fafd16bcbe46",
        "7e9d78ba-ee20-41ed-b801-198a0c1cece6",
    ];

    /// <summary>A local authority's name no other test uses (letters only, as names of places are).</summary>
    public static string UniqueAuthority() =>
        "Vale of " + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    public static ServiceDetails Details(string name, params string[] areas) => new()
    {
        Name = name,
        Type = ServiceType.VoluntarySector,
        Areas = areas.Length == 0 ? [UniqueAuthority()] : areas,
        Needs = ["peer-support"],
        EligibilityCriteria = ["Aged 18 or over"],
        HowToRefer = "Phone the service",
        Contacts = ServiceContacts.Create("0113 496 0000", null, null, null, null, null, null),
    };

    public static async Task<AftercareService> NewService(this AftercareFactory f, ServiceDetails details, bool active = true)
    {
        await using var scope = f.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AftercareDb>();
        var service = AftercareService.Add(details, null, null, "Test data", DateTimeOffset.UtcNow);
        if (!active) service.Retire(null, "Test data", DateTimeOffset.UtcNow);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        return service;
    }

    public static Task<AftercareService> Service(this AftercareFactory f, Guid id) =>
        f.WithDb(db => db.Services.AsNoTracking().SingleAsync(s => s.Id == new Aftercare.Domain.Common.ServiceId(id)));

    /// <summary>The sample directory with fresh ids for its services, so each test loads it as new; the ids it was given, in order.</summary>
    public static (byte[] File, string[] Ids) Sample(Func<string, string>? change = null)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Directory", "sample-directory.json"));
        var ids = SampleIds.Select(_ => Guid.NewGuid().ToString()).ToArray();
        for (var i = 0; i < SampleIds.Length; i++) text = text.Replace(SampleIds[i], ids[i]);
        if (change is not null) text = change(text);
        return (System.Text.Encoding.UTF8.GetBytes(text), ids);
    }
}
