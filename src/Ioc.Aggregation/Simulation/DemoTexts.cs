using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ioc.Domain.Text;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// The demo's words: ticket texts per hotline category (<c>ticket-texts.json</c>) and Vietnamese
/// names, phone numbers and addresses (<c>people.json</c>). Templates are checked when loaded, so a
/// typo in a placeholder fails at start rather than showing "{strete}" on the wall.
/// </summary>
public sealed partial class DemoTexts
{
    public const string TicketTextsFile = "ticket-texts.json";
    public const string PeopleFile = "people.json";

    private static readonly HashSet<string> TemplatePlaceholders = ["place", "street", "market", "school", "landmark", "commune", "days", "time"];
    private static readonly HashSet<string> PlacePlaceholders = ["street", "market", "school", "landmark"];
    private static readonly HashSet<string> AddressPlaceholders = ["number", "street", "village"];

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // Answers and reasons are the simulator's own invention, not citizen texts: kept here, short.
    private static readonly string[] AnswerTemplates =
    [
        "{unit} đã tiếp nhận phản ánh, cử cán bộ kiểm tra thực tế tại hiện trường. Nội dung phản ánh là đúng; đơn vị đã phối hợp xử lý dứt điểm và nhắc nhở các hộ liên quan. Cảm ơn công dân đã phản ánh.",
        "{unit} trả lời: qua kiểm tra, xác minh, vụ việc đã được khắc phục. Đơn vị sẽ tiếp tục theo dõi, giám sát để không tái diễn.",
        "{unit} đã chỉ đạo bộ phận chuyên môn xử lý; kết quả đã được thông báo tới công dân qua điện thoại.",
        "Qua kiểm tra, nội dung phản ánh đúng một phần. {unit} đã lập biên bản, yêu cầu khắc phục trong thời hạn quy định và sẽ kiểm tra lại.",
        "{unit} đã hướng dẫn công dân về thành phần hồ sơ, trình tự và thời hạn giải quyết theo quy định; thông tin chi tiết được công khai trên Cổng Dịch vụ công.",
        "{unit} ghi nhận kiến nghị, đã đưa vào kế hoạch xử lý và sẽ thông báo kết quả tới công dân khi hoàn thành.",
    ];

    private static readonly string[] SpamTexts =
    [
        "alo alo",
        "Vay tiền nhanh lãi suất thấp, giải ngân trong ngày, liên hệ ngay.",
        "Gọi nhầm số, xin lỗi tổng đài.",
        "test",
        "Cho hỏi số điện thoại của quán ăn gần đây.",
    ];

    private static readonly string[] RejectReasons =
    [
        "Nội dung không phải phản ánh, kiến nghị (tin nhắn quảng cáo).",
        "Cuộc gọi nhầm, không có nội dung phản ánh.",
        "Nội dung không rõ ràng, không liên hệ được với người phản ánh để xác minh.",
    ];

    private static readonly string[] InfoRequests =
    [
        "Đề nghị công dân cung cấp thêm hình ảnh và vị trí cụ thể.",
        "Đề nghị công dân cung cấp số biên nhận hồ sơ để tra cứu.",
        "Đề nghị công dân cung cấp thời gian, địa điểm xảy ra vụ việc.",
    ];

    private static readonly string[] DuplicatePrefixes = ["", "", "Tiếp tục phản ánh: ", "Tôi cũng muốn phản ánh: ", "Phản ánh lần 2: "];

    private readonly Dictionary<string, string[]> _templates;
    private readonly string[] _places;
    private readonly Dictionary<string, string[]> _fillers;
    private readonly WeightedTable<string> _families;
    private readonly string[] _maleMiddle, _femaleMiddle, _maleGiven, _femaleGiven;
    private readonly string[] _phonePrefixes;
    private readonly string[] _addressPatterns;
    private readonly string[] _villages;

    private DemoTexts(TicketTextsDocument texts, PeopleDocument people)
    {
        _templates = texts.Categories.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _places = [.. texts.Places];
        _fillers = texts.Fillers.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _families = new WeightedTable<string>(people.FamilyNames.Select(f => (f.Name, f.Weight)));
        _maleMiddle = [.. people.MiddleNames.Male];
        _femaleMiddle = [.. people.MiddleNames.Female];
        _maleGiven = [.. people.GivenNames.Male];
        _femaleGiven = [.. people.GivenNames.Female];
        _phonePrefixes = [.. people.PhonePrefixes];
        _addressPatterns = [.. people.AddressPatterns];
        _villages = [.. people.Villages];
        Validate();
    }

    public static DemoTexts Load(string directory)
    {
        var texts = Read<TicketTextsDocument>(directory, TicketTextsFile);
        var people = Read<PeopleDocument>(directory, PeopleFile);
        return new DemoTexts(texts, people);
    }

    public IReadOnlyCollection<string> Categories => _templates.Keys;

    public IReadOnlyList<string> TemplatesOf(string categoryCode) => _templates.GetValueOrDefault(categoryCode) ?? [];

    public IReadOnlyList<string> Places => _places;

    /// <summary>A citizen's text for the category, located in the commune.</summary>
    public string TicketText(string categoryCode, string categoryName, Unit commune, Random rng)
    {
        var templates = TemplatesOf(categoryCode);
        return templates.Count == 0
            ? $"Công dân phản ánh về lĩnh vực {categoryName.ToLower(Vi)} tại {CommuneReference(commune)}, đề nghị cơ quan chức năng xem xét, giải quyết."
            : Expand(rng.Pick(templates), commune, rng);
    }

    /// <summary>Fills a template: <c>{place}</c> first (places hold fillers themselves), then the rest.</summary>
    public string Expand(string template, Unit commune, Random rng)
    {
        var text = Placeholder().Replace(template, m => m.Groups[1].Value == "place" ? rng.Pick(_places) : m.Value);
        text = Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            "commune" => CommuneReference(commune),
            "days" => rng.Next(2, 31).ToString(CultureInfo.InvariantCulture),
            "time" => TimeOfEvening(rng),
            var filler => rng.Pick(_fillers[filler]),
        });
        return Capitalize(text);
    }

    public string SpamText(Random rng) => rng.Pick(SpamTexts);

    public string RejectReason(Random rng) => rng.Pick(RejectReasons);

    public string InfoRequest(Random rng) => rng.Pick(InfoRequests);

    public string DuplicatePrefix(Random rng) => rng.Pick(DuplicatePrefixes);

    public string Answer(Unit unit, Random rng) => rng.Pick(AnswerTemplates).Replace("{unit}", unit.Name, StringComparison.Ordinal);

    /// <summary>Family, middle and given name, e.g. "Nguyễn Thị Lan".</summary>
    public PersonName Person(Random rng)
    {
        var female = rng.Chance(0.5);
        var family = _families.Pick(rng);
        var middle = rng.Pick(female ? _femaleMiddle : _maleMiddle);
        var given = rng.Pick(female ? _femaleGiven : _maleGiven);
        return new PersonName(family, middle, given);
    }

    /// <summary>A mobile number: a carrier prefix and seven digits.</summary>
    public string Phone(Random rng) => rng.Pick(_phonePrefixes) + rng.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>A street or village address in the commune, e.g. "Số 12 Lê Lợi, phường Hồng Gai".</summary>
    public string Address(Unit commune, Random rng)
    {
        var first = true;
        var text = Placeholder().Replace(rng.Pick(_addressPatterns), m =>
        {
            switch (m.Groups[1].Value)
            {
                case "number":
                    // House numbers run high; the numbers of hamlets and alleys that follow are small.
                    var n = first ? rng.Next(1, 200) : rng.Next(1, 30);
                    first = false;
                    return n.ToString(CultureInfo.InvariantCulture);
                case "street":
                    return rng.Pick(_fillers["street"]);
                default:
                    return rng.Pick(_villages);
            }
        });
        return $"{text}, {CommuneReference(commune)}";
    }

    /// <summary>How a text names a commune mid-sentence: the lower-case type word and the name, "phường Hạ Long", "xã Quảng Tân".</summary>
    public static string CommuneReference(Unit commune)
    {
        var type = commune.Kind switch
        {
            UnitKind.Ward => "phường",
            UnitKind.Commune => "xã",
            UnitKind.SpecialZone => "đặc khu",
            _ => null,
        };
        if (type is null)
        {
            return commune.Name;
        }
        var name = commune.Name.StartsWith(type, StringComparison.OrdinalIgnoreCase) ? commune.Name[type.Length..].TrimStart() : commune.Name;
        return $"{type} {name}";
    }

    private static string TimeOfEvening(Random rng)
    {
        // Templates speak of noise, outages and traffic "at around {time}": evening and night.
        var hour = rng.Next(17, 24);
        return rng.Chance(0.5) ? $"{hour} giờ" : $"{hour} giờ 30";
    }

    private static string Capitalize(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpper(text[0], Vi) + text[1..] : text;

    private void Validate()
    {
        foreach (var (category, templates) in _templates)
        {
            foreach (var t in templates)
            {
                Check(t, TemplatePlaceholders, $"{TicketTextsFile}: a template of '{category}'");
            }
        }
        foreach (var p in _places)
        {
            Check(p, PlacePlaceholders, $"{TicketTextsFile}: place '{p}'");
        }
        foreach (var p in _addressPatterns)
        {
            Check(p, AddressPlaceholders, $"{PeopleFile}: address pattern '{p}'");
        }
        foreach (var filler in PlacePlaceholders.Where(f => !_fillers.TryGetValue(f, out var v) || v.Length == 0))
        {
            throw new InvalidDataException($"{TicketTextsFile}: fillers.{filler} is missing or empty.");
        }
        if (_places.Length == 0 || _families.IsEmpty || _maleMiddle.Length == 0 || _femaleMiddle.Length == 0 || _maleGiven.Length == 0
            || _femaleGiven.Length == 0 || _phonePrefixes.Length == 0 || _addressPatterns.Length == 0 || _villages.Length == 0)
        {
            throw new InvalidDataException($"{TicketTextsFile} or {PeopleFile} has an empty list.");
        }
    }

    private static void Check(string text, HashSet<string> allowed, string where)
    {
        foreach (Match m in Placeholder().Matches(text))
        {
            if (!allowed.Contains(m.Groups[1].Value))
            {
                throw new InvalidDataException($"{where} uses unknown placeholder {m.Value}.");
            }
        }
    }

    private static T Read<T>(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Demo file {path} is missing (set Simulator:DemoDataDirectory).", path);
        }
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    private sealed record TicketTextsDocument(Dictionary<string, List<string>> Categories, List<string> Places, Dictionary<string, List<string>> Fillers);

    private sealed record WeightedName(string Name, double Weight);

    private sealed record NamesBySex(List<string> Male, List<string> Female);

    private sealed record PeopleDocument(
        List<WeightedName> FamilyNames,
        NamesBySex MiddleNames,
        NamesBySex GivenNames,
        List<string> PhonePrefixes,
        List<string> AddressPatterns,
        List<string> Villages);
}

/// <summary>A Vietnamese name: family name first, given name last.</summary>
public sealed record PersonName(string Family, string Middle, string Given)
{
    public string FullName => $"{Family} {Middle} {Given}";

    /// <summary>A user name as one-stop systems make them: given name and initials, "lannt" for Nguyễn Thị Lan.</summary>
    public string UserName => SearchText.Fold(Given).Replace(" ", "", StringComparison.Ordinal) + SearchText.Fold(Family)[0] + SearchText.Fold(Middle)[0];
}
