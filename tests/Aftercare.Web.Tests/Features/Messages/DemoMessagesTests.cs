using Aftercare.Domain.Messaging;
using Aftercare.Web.Data.Demo;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Messages;

/// <summary>The demo patient and Asha have a short conversation, with a message from the patient Asha has still to read.</summary>
public sealed class DemoMessagesTests(DemoModeFactory app) : IClassFixture<DemoModeFactory>
{
    [Fact]
    public async Task TheDemoPatient_HasAConversationWithAsha_ThatHerHeaderAndWorkShowWaiting_AddedOnce()
    {
        for (var i = 0; i < 2; i++)
            await using (var scope = app.Scope())
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();

        var patient = await app.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Accounts[4].Email));
        var messages = await app.MessagesOf(patient.PersonId!.Value);
        Assert.Equal([SenderKind.Patient, SenderKind.AutomaticReply, SenderKind.Staff, SenderKind.Patient], messages.Select(m => m.SenderKind));
        Assert.True(messages[0].SentOutOfHours);
        Assert.Contains("⚽", messages[^1].Body);

        var asha = await app.WithDb(db => db.Users.SingleAsync(u => u.Email == DemoSeeder.Accounts[0].Email));
        var session = app.NewSession();
        await session.SignIn(new StaffAccount(asha.Id, asha.Email!, DemoSeeder.DemoPassword, null, asha.Role!.Value, asha.TeamId, asha.DisplayName));
        var work = await session.GetPage("/work");
        Assert.Equal("1", work.QuerySelector("[data-testid=messages-count]")!.TextContent);
        Assert.Single(work.QuerySelectorAll("[data-testid=waiting-conversation]"));
        var page = await session.GetPage($"/persons/{patient.PersonId}/messages");
        Assert.Equal(4, page.QuerySelectorAll("[data-testid=message]").Length);
        Assert.NotNull(page.QuerySelector("[data-testid=reply-form]"));
    }
}
