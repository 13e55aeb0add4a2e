using Ioc.Domain.Catalog;
using Ioc.Domain.Tickets;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Simulation;

/// <summary>How one unit behaves in the demo: its size, how online its citizens are, how diligent its staff.</summary>
internal sealed record UnitProfile(
    Unit Unit,
    double Size,
    double OnlineFactor,
    double DigitizedRate,
    double PaidOnlineRate,
    double LateRate,
    int MaxLateWorkingDays,
    double TicketLateRate,
    IReadOnlyList<string> Staff,
    double VneidRate,
    double PopulationDataRate,
    double DataReuseRate);

/// <summary>Demand for one procedure at one unit on an ordinary weekday, and the share of it that arrives online.</summary>
internal sealed record Demand(UnitProfile Unit, Procedure Procedure, double Weight, double OnlineShare);

/// <summary>
/// The fixed shape of the demo province, derived from the catalogue and the seed: which units are
/// big, which communes lag online, which department piles up overdue dossiers, which procedures and
/// hotline categories are common. Everything that varies by day lives in <see cref="ProvinceSimulator"/>.
/// </summary>
internal sealed class ProvinceModel
{
    public const int LaggingCommuneCount = 5;

    // Expected dossiers per ordinary weekday in the whole province (before scaling to the configured
    // volume), for the procedures everybody needs: hộ tịch, chứng thực, cư trú, căn cước, đất đai.
    private static readonly Dictionary<string, double> ProcedureDemand = new(StringComparer.Ordinal)
    {
        ["1.001193"] = 45, // đăng ký khai sinh
        ["1.000894"] = 15, // đăng ký kết hôn
        ["1.000656"] = 12, // đăng ký khai tử
        ["1.004859"] = 6, // thay đổi, cải chính hộ tịch
        ["1.004873"] = 30, // xác nhận tình trạng hôn nhân
        ["2.000635"] = 35, // bản sao trích lục hộ tịch
        ["2.000986"] = 12, // liên thông khai sinh
        ["2.002622"] = 5, // liên thông khai tử
        ["2.000815"] = 150, // chứng thực bản sao từ bản chính
        ["2.000884"] = 40, // chứng thực chữ ký
        ["2.001035"] = 8, // chứng thực giao dịch
        ["2.000908"] = 4, // bản sao từ sổ gốc
        ["1.001776"] = 6, // trợ cấp xã hội hằng tháng
        ["1.014027"] = 4, // trợ cấp hưu trí xã hội
        ["1.013978"] = 10, // đăng ký đất đai lần đầu
        ["1.013225"] = 6, // giấy phép xây dựng
        ["1.001612"] = 8, // đăng ký hộ kinh doanh
        ["2.000720"] = 4, // thay đổi hộ kinh doanh
        ["1.004222"] = 20, // đăng ký thường trú
        ["1.004194"] = 30, // đăng ký tạm trú
        ["1.002755"] = 6, // gia hạn tạm trú
        ["1.003197"] = 8, // xóa đăng ký thường trú
        ["1.010028"] = 6, // xóa đăng ký tạm trú
        ["2.001159"] = 40, // thông báo lưu trú (a tourist province)
        ["2.001195"] = 35, // cấp đổi thẻ căn cước
        ["1.011411"] = 25, // định danh điện tử mức 2
        ["3.000333"] = 12, // lý lịch tư pháp
        ["3.000346"] = 10, // cấp giấy phép lái xe
        ["3.000347"] = 15, // đổi giấy phép lái xe
        ["1.010914"] = 25, // đăng ký biển số xe máy
        ["1.002759"] = 12, // sổ bảo hiểm xã hội
        ["1.001613"] = 6, // bảo hiểm xã hội một lần
        ["9.000101"] = 6, // mã số thuế cá nhân
        ["9.000102"] = 8, // hoàn thuế thu nhập cá nhân
        ["9.000103"] = 12, // lệ phí trước bạ nhà đất
        ["9.000301"] = 4, // thành lập công ty TNHH
        ["9.000303"] = 6, // thay đổi đăng ký doanh nghiệp
        ["1.014748"] = 12, // trợ cấp thất nghiệp
        ["9.000804"] = 10, // phù hiệu xe ô tô
        ["1.013831"] = 25, // đăng ký biến động đất đai
        ["1.012783"] = 10, // cấp đổi giấy chứng nhận
        ["1.012784"] = 6, // tách thửa, hợp thửa
        ["9.000901"] = 20, // đăng ký biện pháp bảo đảm
        ["9.000905"] = 3, // giấy phép khai thác thủy sản
        ["9.000501"] = 3, // bản sao văn bằng
    };

    private static readonly Dictionary<string, double> FieldDemand = new(StringComparer.Ordinal)
    {
        ["Hộ tịch"] = 1.5,
        ["Chứng thực"] = 2,
        ["Cư trú"] = 5,
        ["Đất đai"] = 2,
        ["Bảo trợ xã hội"] = 1.5,
        ["Thành lập và hoạt động của hộ kinh doanh"] = 2,
        ["Thành lập và hoạt động doanh nghiệp"] = 1.5,
        ["Hoạt động xây dựng"] = 1,
    };

    private const double OtherProcedureDemand = 0.5;

    // Relative frequency of hotline categories; storms and floods come with the rainy season.
    private static readonly Dictionary<string, double> CategoryDemand = new(StringComparer.Ordinal)
    {
        ["moi-truong"] = 15,
        ["trat-tu-do-thi"] = 12,
        ["giao-thong"] = 10,
        ["dat-dai"] = 9,
        ["an-ninh-trat-tu"] = 8,
        ["thu-tuc-hanh-chinh"] = 7,
        ["thoat-nuoc"] = 6,
        ["cap-nuoc"] = 6,
        ["dien"] = 6,
        ["chieu-sang"] = 5,
        ["khac"] = 5,
        ["an-sinh-xa-hoi"] = 4,
        ["y-te"] = 3,
        ["giao-duc"] = 3,
        ["thien-tai"] = 1,
    };

    private static readonly Dictionary<string, double> RainySeasonBoost = new(StringComparer.Ordinal)
    {
        ["thoat-nuoc"] = 2.5,
        ["thien-tai"] = 5,
        ["dien"] = 1.3,
    };

    public ProvinceModel(ReferenceCatalog catalog, DemoTexts texts, SimulatorOptions options)
    {
        var seed = options.Seed;
        var units = catalog.Units.All.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        Locals = [.. units.Where(u => u.IsLocal)];
        var procedures = catalog.Procedures.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();

        var pick = SimRandom.Create(seed, SimRandom.StableHash("lagging-communes"), SimRandom.ProfileStream);
        LaggingCommunes = [.. Locals.OrderBy(_ => pick.NextDouble()).Take(Math.Min(LaggingCommuneCount, Locals.Count)).OrderBy(u => u.Code, StringComparer.Ordinal)];

        // Raw demand per (unit, procedure): commune procedures spread over the communes by size.
        var sizes = units.ToDictionary(u => u.Id, u => SizeOf(u, seed));
        if (options.National)
        {
            ScaleToProvinces(catalog.Units, sizes);
        }
        var localSize = Locals.Sum(u => sizes[u.Id]);
        var raw = new List<(Unit Unit, Procedure Procedure, double Weight)>();
        foreach (var p in procedures)
        {
            var demand = ProcedureDemand.TryGetValue(p.Code, out var d) ? d : FieldDemand.GetValueOrDefault(p.Field, OtherProcedureDemand);
            if (p.HandledBy == Procedure.HandledByCommune)
            {
                raw.AddRange(Locals.Select(u => (u, p, demand * sizes[u.Id] / localSize)));
            }
            else if (catalog.Units.FindByCode(p.HandledBy) is Unit handler)
            {
                raw.Add((handler, p, demand));
            }
        }
        var total = raw.Sum(r => r.Weight);

        // The department that lags is one whose volume shows on a ranking (at least 1 % of dossiers).
        var departmentVolume = raw.Where(r => r.Unit.Kind == UnitKind.Department).GroupBy(r => r.Unit)
            .Select(g => (Unit: g.Key, Share: g.Sum(r => r.Weight) / total))
            .Where(x => x.Share >= 0.01).Select(x => x.Unit).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var overduePick = SimRandom.Create(seed, SimRandom.StableHash("overdue-department"), SimRandom.ProfileStream);
        OverdueDepartment = departmentVolume.Count > 0 ? departmentVolume[overduePick.Next(departmentVolume.Count)]
            : units.First(u => u.Kind == UnitKind.Department);

        var lagging = LaggingCommunes.Select(u => u.Id).ToHashSet();
        Profiles = units.ToDictionary(u => u.Id, u => ProfileOf(u, sizes[u.Id], lagging.Contains(u.Id), u.Id == OverdueDepartment.Id, texts, seed));

        var scale = total > 0 ? options.DossiersPerDay / total : 0;
        Demands = [.. raw.Select(r =>
        {
            var profile = Profiles[r.Unit.Id];
            var online = r.Procedure.OnlineLevel switch
            {
                OnlineLevel.Full => 0.78,
                OnlineLevel.Partial => 0.38,
                _ => 0.0,
            };
            return new Demand(profile, r.Procedure, r.Weight * scale, Math.Min(0.97, online * profile.OnlineFactor));
        })];
        InPersonDemand = new WeightedTable<Demand>(Demands.Select(d => (d, d.Weight * (1 - d.OnlineShare))));
        OnlineDemand = new WeightedTable<Demand>(Demands.Select(d => (d, d.Weight * d.OnlineShare)));
        TotalDemand = Demands.Sum(d => d.Weight);

        var operatorRng = SimRandom.Create(seed, SimRandom.StableHash("operators"), SimRandom.ProfileStream);
        Operators = UniqueNames(10, () => "tongdai." + texts.Person(operatorRng).UserName[..^2]);
        Editors = UniqueNames(3, () => "bientap." + texts.Person(operatorRng).UserName[..^2]);

        Categories = [.. catalog.Categories.OrderBy(c => c.Code, StringComparer.Ordinal)];
        DrySeasonCategories = new WeightedTable<HotlineCategory>(Categories.Select(c => (c, CategoryDemand.GetValueOrDefault(c.Code, 2))));
        RainySeasonCategories = new WeightedTable<HotlineCategory>(Categories.Select(c => (c, CategoryDemand.GetValueOrDefault(c.Code, 2) * RainySeasonBoost.GetValueOrDefault(c.Code, 1))));
        TicketCommunes = new WeightedTable<Unit>(Locals.Select(u => (u, sizes[u.Id])));
        ResponsibleUnits = Categories.ToDictionary(c => c.Id, c => c.Responsible == HotlineCategory.ResponsibleCommune ? null : catalog.Units.FindByCode(c.Responsible) ?? catalog.Units.Root);
        OtherCategory = catalog.FindCategory(TicketWorkflow.DefaultCategoryCode) ?? Categories[0];
    }

    public IReadOnlyList<Unit> Locals { get; }

    public IReadOnlyList<Unit> LaggingCommunes { get; }

    public Unit OverdueDepartment { get; }

    public IReadOnlyDictionary<int, UnitProfile> Profiles { get; }

    public IReadOnlyList<Demand> Demands { get; }

    public double TotalDemand { get; }

    public WeightedTable<Demand> InPersonDemand { get; }

    public WeightedTable<Demand> OnlineDemand { get; }

    public IReadOnlyList<string> Operators { get; }

    public IReadOnlyList<string> Editors { get; }

    public IReadOnlyList<HotlineCategory> Categories { get; }

    public WeightedTable<HotlineCategory> DrySeasonCategories { get; }

    public WeightedTable<HotlineCategory> RainySeasonCategories { get; }

    public WeightedTable<Unit> TicketCommunes { get; }

    public HotlineCategory OtherCategory { get; }

    /// <summary>The unit that answers a ticket of the category: the ticket's commune when the category says "commune".</summary>
    public Unit ResponsibleFor(HotlineCategory category, Unit commune) =>
        ResponsibleUnits.GetValueOrDefault(category.Id) ?? commune;

    private IReadOnlyDictionary<int, Unit?> ResponsibleUnits { get; }

    /// <summary>
    /// A national feed: the communes of each province share sizes that add up to the province's number of
    /// communes, so that a province's part of the commune-level demand is its part of the country's communes;
    /// within the province, towns stay larger than rural communes.
    /// </summary>
    private static void ScaleToProvinces(UnitTree tree, Dictionary<int, double> sizes)
    {
        foreach (var province in tree.Children(tree.Root.Id).Where(u => u.Kind == UnitKind.Province))
        {
            var communes = tree.Subtree(province.Id).Where(u => u.IsLocal).ToList();
            var total = communes.Sum(u => sizes[u.Id]);
            foreach (var commune in communes)
            {
                sizes[commune.Id] *= communes.Count / total;
            }
        }
    }

    private static double SizeOf(Unit unit, int seed)
    {
        var rng = SimRandom.Create(seed, SimRandom.StableHash(unit.Code), SimRandom.ProfileStream, 1);
        // Wards are towns (Hạ Long, Cẩm Phả, Móng Cái); rural communes and islands are smaller.
        var (mean, sd) = unit.Kind switch
        {
            UnitKind.Ward => (0.35, 0.35),
            UnitKind.SpecialZone => (-0.2, 0.4),
            UnitKind.Commune => (-0.5, 0.35),
            _ => (0.0, 0.0),
        };
        return Math.Exp(mean + sd * rng.Gaussian());
    }

    private static UnitProfile ProfileOf(Unit unit, double size, bool lagging, bool overdue, DemoTexts texts, int seed)
    {
        var rng = SimRandom.Create(seed, SimRandom.StableHash(unit.Code), SimRandom.ProfileStream, 2);
        var staffCount = rng.Next(3, 7);
        var staff = UniqueNames(staffCount, () => texts.Person(rng).UserName);
        return new UnitProfile(
            unit,
            size,
            OnlineFactor: lagging ? 0.3 : rng.Between(0.85, 1.15),
            DigitizedRate: rng.Between(0.6, 0.95),
            PaidOnlineRate: rng.Between(0.6, 0.8),
            LateRate: overdue ? 0.4 : rng.Between(0.015, 0.07),
            MaxLateWorkingDays: overdue ? 30 : 4,
            TicketLateRate: overdue ? 0.4 : rng.Between(0.04, 0.16),
            Staff: staff,
            // Drawn last, so that the older draws keep their values. Near Bình Phước's published 2024
            // figures (data reuse 76,4 %); a lagging commune trails in Đề án 06 as it does online.
            VneidRate: (lagging ? 0.5 : 1.0) * rng.Between(0.6, 0.9),
            PopulationDataRate: (lagging ? 0.5 : 1.0) * rng.Between(0.5, 0.85),
            DataReuseRate: (lagging ? 0.5 : 1.0) * rng.Between(0.55, 0.85));
    }

    private static string[] UniqueNames(int count, Func<string> next)
    {
        var names = new List<string>(count);
        for (var attempt = 0; names.Count < count && attempt < count * 20; attempt++)
        {
            var name = next();
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
        return [.. names];
    }
}
