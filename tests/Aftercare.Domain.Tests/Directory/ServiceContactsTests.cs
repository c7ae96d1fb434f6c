using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;

namespace Aftercare.Domain.Tests.Directory;

public class ServiceContactsTests
{
    [Fact]
    public void AServiceThatCannotBeReached_IsRefused()
    {
        var ex = Assert.Throws<ClinicalRuleException>(() => ServiceContacts.Create(" ", null, "", "1 Mill Yard", null, "Leeds", "LS6 2AB"));

        Assert.Equal("Phone", ex.Field);
    }

    [Theory]
    [InlineData("116 123")]
    [InlineData("0113 496 0123")]
    [InlineData("+44 (0)113 496 0123")]
    public void PhoneNumbers_AreKeptAsWritten(string phone)
    {
        Assert.Equal(phone, ServiceContacts.Create(phone, null, null, null, null, null, null).Phone);
    }

    [Theory]
    [InlineData("call us", "Phone")]
    [InlineData("12", "Phone")]
    public void ABadPhoneNumber_IsRefused(string phone, string field)
    {
        Assert.Equal(field, Assert.Throws<ClinicalRuleException>(() => ServiceContacts.Create(phone, null, null, null, null, null, null)).Field);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    public void ABadEmail_IsRefused(string email)
    {
        Assert.Equal("Email", Assert.Throws<ClinicalRuleException>(() => ServiceContacts.Create("0113 496 0123", email, null, null, null, null, null)).Field);
    }

    [Theory]
    [InlineData("www.example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org")]
    public void AWebsiteMustBeAFullWebAddress(string site)
    {
        Assert.Equal("Website", Assert.Throws<ClinicalRuleException>(() => ServiceContacts.Create(null, null, site, null, null, null, null)).Field);
    }

    [Fact]
    public void TheAddressPostcode_IsNormalised_AndAPartialOneRefused()
    {
        Assert.Equal("LS6 2AB", ServiceContacts.Create("0113 496 0123", null, null, "1 Mill Yard", null, "Leeds", "ls62ab").Postcode);
        Assert.Equal("Postcode", Assert.Throws<ClinicalRuleException>(() => ServiceContacts.Create("0113 496 0123", null, null, "1 Mill Yard", null, "Leeds", "LS6")).Field);
    }

    [Fact]
    public void AnAddressWithoutItsFirstLine_IsRefused()
    {
        Assert.Equal("AddressLine1", Assert.Throws<ClinicalRuleException>(() => ServiceContacts.Create("0113 496 0123", null, null, null, null, "Leeds", null)).Field);
    }
}
