using Ioc.Aggregation.Simulation;
using Ioc.Data;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>Demo accounts only where the data are the demo province's, or where an override says so loudly.</summary>
public static class DemoGate
{
    public static async Task SeedDemoAccountsIfAllowedAsync(this WebApplication app)
    {
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Enabled)
        {
            return;
        }
        var directory = DataExtensions.ReferenceDirectory(app.Services);
        if (!DemoData.IsDemoReference(directory))
        {
            if (!demo.AllowOutsideDemoData)
            {
                app.Logger.LogError("Demo accounts were not created: {Directory} is not the demo province (its units file has no \"demo\": true). Create accounts with user-add, or set Demo:AllowOutsideDemoData=true.", directory);
                return;
            }
            app.Logger.LogWarning("DEMO ACCOUNTS WITH A PUBLISHED PASSWORD on a province that is not the demo ({Directory}), as Demo:AllowOutsideDemoData allows", directory);
        }
        await DemoAccounts.SeedAsync(app.Services, demo.Password, app.Logger);
    }
}
