using Ioc.Data;
using Ioc.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Account;

/// <summary>Where the data-protection key ring lives (<c>DataProtection</c> section).</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// Folder of the key ring that signs session, wall-screen and antiforgery cookies. Empty: a
    /// <c>keys</c> folder beside the database file, so that the keys travel with the data.
    /// </summary>
    public string KeysDirectory { get; set; } = "";
}

/// <summary>
/// Keeps the data-protection keys with the data. ASP.NET's default ring lives in the service user's
/// home directory and is told apart by the content root: a redeploy to a new container or a new
/// publish folder made a new ring, and every person and every wall screen was signed out.
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

    public static string Directory(string databasePath, KeyRingOptions options) =>
        string.IsNullOrWhiteSpace(options.KeysDirectory)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "keys")
            : DataPaths.Resolve(options.KeysDirectory);
}

/// <summary>Points the key ring at <see cref="KeyRing.Directory"/>, created readable by the service user alone.</summary>
internal sealed class KeyRingLocation(SqliteDatabase database, IOptions<KeyRingOptions> options, ILoggerFactory loggers) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions o)
    {
        var directory = KeyRing.Directory(database.FilePath, options.Value);
        if (!System.IO.Directory.Exists(directory))
        {
            // The keys are stored unencrypted on Linux: whoever reads them can forge any session.
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), loggers);
    }
}
