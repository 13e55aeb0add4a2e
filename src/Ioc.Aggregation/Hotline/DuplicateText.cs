using System.Text;
using Ioc.Domain.Text;

namespace Ioc.Aggregation.Hotline;

/// <summary>
/// What duplicate detection compares in a citizen's text: folded content words (diacritics,
/// case and the words every ticket uses removed, a few colloquial synonyms made one), their
/// character trigrams (so that "ngập"/"ngập úng"/"ngap" and small misspellings still meet), and
/// the proper names of places ("đường Lê Thánh Tông", "chợ Hạ Long 1").
/// </summary>
public static class DuplicateText
{
    // Words any feedback uses: they say nothing about which matter it is. Kept with their marks:
    // folded, "đổ" (fell) would be "đó" (that) and "đề" (propose) would be "dê" (goat).
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "đề", "nghị", "phản", "ánh", "kiến", "người", "dân", "công", "tôi", "gia", "đình", "xin", "cho", "của", "và", "là", "có",
        "không", "được", "bị", "tại", "trên", "ở", "gần", "cạnh", "khu", "vực", "đoạn", "trước", "sau", "này", "đó", "đến", "từ",
        "những", "các", "một", "nhiều", "rất", "đã", "đang", "vẫn", "chưa", "lại", "lần", "nữa", "tiếp", "hai", "gọi", "về", "việc",
        "tình", "trạng", "kiểm", "tra", "xử", "lý", "giải", "quyết", "cơ", "quan", "chức", "năng", "sớm", "gấp", "ngày", "hôm",
        "giờ", "còn", "cũng", "thì", "mà", "nên", "vì", "với", "khi", "ra", "vào", "lên", "xuống", "qua", "hết", "như", "thế",
        "nào", "ai", "gì", "đây", "kia", "ấy", "nhé", "ạ", "ơi", "hiện", "phường", "xã", "đường", "phố", "số", "chỗ", "nay", "cả",
        "phía", "khoảng", "trong", "ngoài", "đi", "làm", "để", "theo", "tuyến", "dọc", "thêm", "chỉ", "bảo",
    };

    // Colloquial words made one with the word most reports use (with their marks, before the filler goes).
    private static readonly (string From, string To)[] Synonyms =
    [
        ("cúp điện", "mất điện"), ("cắt điện", "mất điện"), ("cúp nước", "mất nước"), ("cắt nước", "mất nước"),
        ("ngập úng", "ngập"), ("ngập nước", "ngập"), ("úng ngập", "ngập"), ("nước ngập", "ngập"),
        ("hố ga", "hốga"), ("nắp cống", "hốga"), ("ổ voi", "ổ gà"),
        ("đèn đường", "đèn chiếu sáng"), ("đèn công cộng", "đèn chiếu sáng"),
        ("đèn xanh đèn đỏ", "đèn tín hiệu"), ("đèn giao thông", "đèn tín hiệu"),
        ("nẹt pô", "đua xe"), ("rú ga", "đua xe"), ("lạng lách", "đua xe"),
        ("nôn mửa", "nôn"), ("tiêu chảy", "nôn"), ("mất trộm", "trộm"), ("trộm cắp", "trộm"),
        ("ngõ", "hẻm"), ("kiệt", "hẻm"), ("ngách", "hẻm"),
        ("bục", "vỡ"), ("rò rỉ", "vỡ"), ("gãy đổ", "đổ"), ("sạt lở", "sạt"),
    ];

    /// <summary>Folded content words of a text, in order.</summary>
    public static IReadOnlyList<string> ContentWords(string? text)
    {
        var lower = " " + string.Join(' ', TicketTokens.Words(text).Select(w => w.Surface.Normalize(NormalizationForm.FormC).ToLowerInvariant())) + " ";
        foreach (var (from, to) in Synonyms)
        {
            lower = lower.Replace(" " + from + " ", " " + to + " ", StringComparison.Ordinal);
        }
        return [.. lower.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Filler.Contains(w)).Select(SearchText.Fold)];
    }

    /// <summary>Content words and adjacent pairs of them, as a set.</summary>
    public static HashSet<string> Features(IReadOnlyList<string> words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            set.Add(words[i]);
            if (i > 0)
            {
                set.Add(words[i - 1] + " " + words[i]);
            }
        }
        return set;
    }

    /// <summary>Character trigrams of the content words, each word padded so that short words count too.</summary>
    public static HashSet<string> Trigrams(IReadOnlyList<string> words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            var padded = " " + w + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                set.Add(padded.Substring(i, 3));
            }
        }
        return set;
    }

    /// <summary>
    /// Proper names of places in a text or an address, folded: runs of capitalised words after a
    /// place word ("đường Lê Thánh Tông" → "le thanh tong", "chợ Hạ Long 1" → "ha long 1",
    /// "Quốc lộ 18" → "quoc lo 18"). Vietnamese writes names of places capitalised, which tells
    /// them from the matter's words.
    /// </summary>
    public static HashSet<string> PlaceNames(string? text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return names;
        }
        var raw = text.Split([' ', ',', '.', ';', ':', '(', ')', '"', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var run = new List<string>();
        void Flush()
        {
            // "Đường Trần Hưng Đạo" at a sentence's start and "đường Trần Hưng Đạo" name the same street.
            var name = run.SkipWhile(IsPlaceWord).ToList();
            if (name.Count >= 2)
            {
                names.Add(string.Join(' ', name));
            }
            run.Clear();
        }
        foreach (var w in raw)
        {
            var folded = SearchText.Fold(w);
            // Numbers and "lộ" continue a name ("Quốc lộ 18", "Móng Cái 1"); a capital starts or continues one.
            var continues = run.Count > 0 && (w.All(char.IsDigit) || folded == "lo");
            if (folded.Length > 0 && (char.IsUpper(w[0]) || continues))
            {
                run.Add(folded);
                continue;
            }
            Flush();
        }
        Flush();
        return names;
    }

    private static bool IsPlaceWord(string w) => w is "duong" or "pho" or "cho" or "phuong" or "xa" or "khu" or "truong" or "ngo" or "hem"
        or "cau" or "ben" or "cang" or "quang" or "cong" or "mo" or "ga" or "nga";
}
