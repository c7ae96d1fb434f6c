using Aftercare.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Aftercare.Web.Tests.Features.Shared;

public sealed class ErrorOrderTests
{
    public sealed class Entry
    {
        public string? Text { get; set; }
        public string? Note { get; set; }
    }

    public sealed class PlanForm
    {
        public string? Title { get; set; }
        public List<Entry> Entries { get; set; } = [];
        public string? Reasons { get; set; }
    }

    public sealed class PlanPage
    {
        [BindProperty(Name = "Form")]
        public PlanForm Input { get; set; } = new();
        public string? Confirm { get; set; }
    }

    private static List<string> Sorted(params string[] keys) =>
        keys.OrderBy(k => ErrorOrder.Of(new PlanPage(), k), StringComparer.Ordinal).ToList();

    [Fact]
    public void TheSummary_ListsErrorsInTheOrderOfTheFieldsOnThePage_WithAListsEntriesWhereTheListIs()
    {
        var sorted = Sorted("Confirm", "Form.Reasons", "Form.Entries[10].Text", "Form.Entries[1].Note", "Form.Title", "Form.Entries[1].Text", "Form.Entries[2].Text");

        Assert.Equal(["Form.Title", "Form.Entries[1].Text", "Form.Entries[1].Note", "Form.Entries[2].Text", "Form.Entries[10].Text", "Form.Reasons", "Confirm"], sorted);
    }

    [Fact]
    public void AnErrorOfNoKnownField_ComesAfterTheFieldsAtItsLevel()
    {
        var sorted = Sorted("Form.Unheard", "Form.Reasons", "", "Confirm");

        Assert.Equal(["Form.Reasons", "Form.Unheard", "Confirm", ""], sorted);
    }
}
