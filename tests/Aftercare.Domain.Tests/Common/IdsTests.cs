using Aftercare.Domain.Common;

namespace Aftercare.Domain.Tests.Common;

public class IdsTests
{
    [Fact]
    public void NewIds_AreDistinctAndNotEmpty()
    {
        var a = PersonId.New();
        var b = PersonId.New();

        Assert.NotEqual(a, b);
        Assert.NotEqual(Guid.Empty, a.Value);
    }

    [Fact]
    public void NewIds_AreTimeOrderedVersion7Guids()
    {
        var id = TeamId.New().Value;

        Assert.Equal(7, id.Version);
    }

    [Fact]
    public void Ids_WithTheSameGuid_AreEqual()
    {
        var guid = Guid.NewGuid();

        Assert.Equal(new StaffId(guid), new StaffId(guid));
        Assert.Equal(guid.ToString(), new SiteId(guid).ToString());
        Assert.Equal(guid.ToString(), new PresentationId(guid).ToString());
    }

    [Fact]
    public void AssessmentNarrativeAndSafetyPlanIds_AreDistinctVersion7Guids()
    {
        Assert.Equal(7, AssessmentId.New().Value.Version);
        Assert.Equal(7, NarrativeId.New().Value.Version);
        Assert.Equal(7, SafetyPlanId.New().Value.Version);
        Assert.NotEqual(SafetyPlanId.New(), SafetyPlanId.New());
        var guid = Guid.NewGuid();
        Assert.Equal(guid.ToString(), new AssessmentId(guid).ToString());
    }
}
