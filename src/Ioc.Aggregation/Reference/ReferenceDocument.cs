using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Ioc.Aggregation.Reference;

/// <summary>
/// A reference file as the import commands edit it: read as the loader reads it (comments, trailing
/// commas), written indented with Vietnamese as it is (not \u escapes), so a province can still read
/// and diff its own files after an import.
/// </summary>
public static class ReferenceDocument
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static JsonNode Read(string path) => JsonNode.Parse(File.ReadAllText(path), documentOptions: ReadOptions)!;

    public static string Text(JsonNode document) => document.ToJsonString(WriteOptions) + Environment.NewLine;
}
