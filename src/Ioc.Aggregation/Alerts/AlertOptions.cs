using System.ComponentModel.DataAnnotations;
using Ioc.Domain.Alerts;
using Ioc.Domain.Catalog;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Alerts;

/// <summary>Alert settings (<c>Alerts</c> section): rules every deployment has, read-only on the admin page, beside those admins add.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Off: no rule is evaluated (alerts already recorded stay listed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Besides after every batch (changed units only), every rule is evaluated for all its units this often:
    /// dossiers fall overdue and days end without any event.
    /// </summary>
    [Range(5, 3600)]
    public int RecheckSeconds { get; set; } = 120;

    /// <summary>How long a new alert's banner covers the wall's rotating scenes.</summary>
    [Range(5, 3600)]
    public int WallBannerSeconds { get; set; } = 60;

    public List<AlertRule> Rules { get; set; } = [];
}

/// <summary>Settings rules are checked at start with the same validator as the admin page: a bad rule stops the start with its errors.</summary>
public sealed class AlertOptionsValidator(ReferenceCatalog catalog) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var failures = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (string.IsNullOrWhiteSpace(rule.Key) || !rule.Key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                failures.Add($"Alerts:Rules:{i}:Key must be letters, digits and '-' (got '{rule.Key}').");
            }
            else if (!keys.Add(rule.Key))
            {
                failures.Add($"Alerts:Rules:{i}:Key '{rule.Key}' is used twice.");
            }
            failures.AddRange(AlertRuleValidator.Validate(rule, catalog).Select(e => $"Alerts:Rules:{i} ({rule.Key}) {e.Field}: {e}"));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
