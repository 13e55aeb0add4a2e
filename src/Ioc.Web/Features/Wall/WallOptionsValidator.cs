using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Ioc.Web.Features.Wall;

/// <summary>
/// Checks the whole wall configuration, scenes and playlists included (data annotations do not look
/// inside lists): at start, where a mistake stops the app, and on every reload, where it is refused
/// and the walls keep the last good configuration.
/// </summary>
public sealed class WallOptionsValidator : IValidateOptions<WallOptions>
{
    public ValidateOptionsResult Validate(string? name, WallOptions options) =>
        // The live copy is checked by WallConfiguration, which refuses a bad reload instead of throwing.
        name == WallConfiguration.LiveName ? ValidateOptionsResult.Skip : Check(options);

    public ValidateOptionsResult Check(WallOptions options)
    {
        var errors = new List<string>();
        Annotations(options, "Wall", errors);
        if (options.Scenes.Count == 0)
        {
            errors.Add("Wall:Scenes is empty.");
        }
        for (var i = 0; i < options.Scenes.Count; i++)
        {
            var scene = options.Scenes[i];
            var at = $"Wall:Scenes:{i} ({scene.Key})";
            Annotations(scene, at, errors);
            errors.AddRange(scene.Tiles.Where(t => !WallTiles.All.ContainsKey(t)).Select(t => $"{at}: unknown tile '{t}'."));
            if (scene.Kind == WallSceneKind.Ranking && !WallRankings.All.ContainsKey(scene.Indicator))
            {
                errors.Add($"{at}: unknown ranking indicator '{scene.Indicator}'; one of {string.Join(", ", WallRankings.All.Keys)}.");
            }
            if (scene.Kind == WallSceneKind.Indices && Ioc.Domain.Indices.AnnualIndex.All.All(i => i.Code != scene.Indicator))
            {
                errors.Add($"{at}: unknown index '{scene.Indicator}'; one of {string.Join(", ", Ioc.Domain.Indices.AnnualIndex.All.Select(i => i.Code))}.");
            }
            if (scene.Days.Any(d => !Enum.IsDefined(d)))
            {
                errors.Add($"{at}: Days must name weekdays (Monday … Sunday).");
            }
        }
        errors.AddRange(options.Scenes.GroupBy(s => s.Key).Where(g => g.Count() > 1).Select(g => $"Wall:Scenes: the key '{g.Key}' is used twice."));
        var keys = options.Scenes.Select(s => s.Key).ToHashSet();
        for (var i = 0; i < options.Playlists.Count; i++)
        {
            var playlist = options.Playlists[i];
            var at = $"Wall:Playlists:{i} ({playlist.Name})";
            Annotations(playlist, at, errors);
            if (playlist.Scenes.Count == 0)
            {
                errors.Add($"{at}: names no scene.");
            }
            errors.AddRange(playlist.Scenes.Where(k => !keys.Contains(k)).Select(k => $"{at}: no scene has the key '{k}'."));
        }
        errors.AddRange(options.Playlists.GroupBy(p => p.Name).Where(g => g.Count() > 1).Select(g => $"Wall:Playlists: the name '{g.Key}' is used twice."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Annotations(object target, string at, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{at}: {r.ErrorMessage}"));
        }
    }
}
