using Ioc.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>Where the data-protection key ring lives (<c>DataProtection</c> section).</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// Folder of the key ring that signs session, wall-screen and antiforgery cookies. Empty: the
    /// database's <c>DataProtectionKeys</c> table, which every web node on the database shares.
    /// </summary>
    public string KeysDirectory { get; set; } = "";
}

/// <summary>
/// Keeps the data-protection keys with the data. ASP.NET's default ring lives in the service user's
/// home directory and is told apart by the content root: a redeploy to a new container or a new
/// publish folder made a new ring, and every person and every wall screen was signed out. In the
/// database, a second web node also accepts the cookies and antiforgery tokens the first one issued.
/// </summary>
public static class KeyRing
{
    /// <summary>The same on every deployment of IOC, whatever folder it runs from.</summary>
    public const string ApplicationName = "IOC";

    public static WebApplicationBuilder AddIocKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section);
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        // Resolved from the services, not at registration, so that it follows the database path however it was set.
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyRingLocation>();
        return builder;
    }

    /// <summary>The folder the ring lived in by default before it moved into the database: <c>keys</c> beside the database file.</summary>
    public static string FolderBesideDatabase(string databasePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "keys");
}

/// <summary>
/// Points the key ring at the database, or at <see cref="KeyRingOptions.KeysDirectory"/> when one is
/// set (created readable by the service user alone).
/// </summary>
internal sealed class KeyRingLocation(IServiceProvider services, IOptions<DatabaseOptions> database, IOptions<KeyRingOptions> options, ILoggerFactory loggers)
    : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions o)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.KeysDirectory))
        {
            o.XmlRepository = new FileSystemXmlRepository(PrivateDirectory(DataPaths.Resolve(options.Value.KeysDirectory)), loggers);
            return;
        }
        var ring = new EntityFrameworkCoreXmlRepository<IocDbContext>(services, loggers);
        if (!database.Value.IsPostgreSql)
        {
            // Only a SQLite deployment ever kept its ring beside the database file.
            ImportFolderOnce(ring, KeyRing.FolderBesideDatabase(DataPaths.Resolve(database.Value.Path)));
        }
        o.XmlRepository = ring;
    }

    /// <summary>
    /// Until now the ring's default place was <c>keys/</c> beside the database: an upgraded server brings
    /// those keys into the (still empty) table, so the upgrade signs nobody out. The folder stays as it
    /// was, a backup of the old ring.
    /// </summary>
    private void ImportFolderOnce(IXmlRepository ring, string folder)
    {
        if (!Directory.Exists(folder) || ring.GetAllElements().Count > 0)
        {
            return;
        }
        var files = Directory.GetFiles(folder, "*.xml");
        if (files.Length == 0)
        {
            return;
        }
        var old = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
        var elements = old.GetAllElements();
        foreach (var element in elements)
        {
            // The file repository names each file after its key; the same name keeps the rows recognisable.
            ring.StoreElement(element, (string?)element.Attribute("id") is { } id ? "key-" + id : "key");
        }
        loggers.CreateLogger<KeyRingLocation>().LogWarning(
            "Moved {Count} data-protection key(s) from {Folder} into the database (table DataProtectionKeys); the folder is no longer read",
            elements.Count, folder);
    }

    private static DirectoryInfo PrivateDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            // The keys are stored unencrypted on Linux: whoever reads them can forge any session.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        return new DirectoryInfo(directory);
    }
}
