#!/usr/bin/env python3
"""Writes duplicate-pairs.json: labelled pairs of citizen-feedback tickets for Quảng Ninh (the demo
province) to measure duplicate detection. Each matter is written four or five ways by hand (other
words, other order, short follow-up calls); places are real wards/communes of Quảng Ninh with
streets, markets and landmarks in them. Deterministic (fixed seed): re-running gives the same file.

Pair kinds:
  reworded      the same matter at the same place, reported again in other words (duplicate)
  same-place    another matter at the same place and time (not a duplicate)
  same-problem  the same kind of matter at another place (not a duplicate)
  unrelated     another matter elsewhere (not a duplicate)
"""
import json, random

random.seed(20261206)

# Real wards/communes of Quảng Ninh (national list 2025) with streets and places in them.
PLACES = [
    {"commune": "Phường Hồng Gai", "streets": ["Lê Thánh Tông", "Bến Đoan", "Lê Lợi"], "landmarks": ["chợ Hạ Long 1", "Quảng trường 30/10", "bến xe buýt Lê Thánh Tông"]},
    {"commune": "Phường Bãi Cháy", "streets": ["Hạ Long", "Hậu Cần", "Anh Đào"], "landmarks": ["chợ Vườn Đào", "Công viên Sun World", "cảng tàu khách quốc tế Hạ Long"]},
    {"commune": "Phường Hà Lầm", "streets": ["Nguyễn Văn Cừ", "Hà Lầm", "Trần Quốc Nghiễn"], "landmarks": ["chợ Hà Lầm", "Trường THCS Hà Lầm", "Công viên Hà Lầm"]},
    {"commune": "Phường Hà Tu", "streets": ["Hà Tu", "Tô Hiến Thành", "Quốc lộ 18"], "landmarks": ["chợ Hà Tu", "trạm y tế Hà Tu", "mỏ than Hà Tu"]},
    {"commune": "Phường Cao Xanh", "streets": ["Cao Xanh", "Ngô Quyền", "Đồng Đăng"], "landmarks": ["chợ Cao Xanh", "Trường Tiểu học Cao Xanh", "nhà văn hóa khu 3 Cao Xanh"]},
    {"commune": "Phường Tuần Châu", "streets": ["Tuần Châu", "Ao Cá", "Hoàng Quốc Việt"], "landmarks": ["bến tàu Tuần Châu", "khu đô thị Tuần Châu", "bãi tắm Tuần Châu"]},
    {"commune": "Phường Việt Hưng", "streets": ["Quốc lộ 18", "Việt Hưng", "Đại Yên"], "landmarks": ["khu công nghiệp Việt Hưng", "chợ Đại Yên", "Trường THCS Việt Hưng"]},
    {"commune": "Phường Cẩm Phả", "streets": ["Trần Phú", "Bái Tử Long", "Lý Thường Kiệt"], "landmarks": ["chợ Cẩm Đông", "Bệnh viện Đa khoa Cẩm Phả", "công viên Cẩm Phả"]},
    {"commune": "Phường Quang Hanh", "streets": ["Quốc lộ 18", "Lý Thường Kiệt", "Quang Hanh"], "landmarks": ["chợ Quang Hanh", "suối khoáng nóng Quang Hanh", "Trường Tiểu học Quang Hanh"]},
    {"commune": "Phường Cửa Ông", "streets": ["Lý Thường Kiệt", "Cửa Ông", "Tân Lập"], "landmarks": ["đền Cửa Ông", "chợ Cửa Ông", "cảng Cửa Ông"]},
    {"commune": "Phường Uông Bí", "streets": ["Quang Trung", "Trần Nhân Tông", "Nguyễn Văn Cừ"], "landmarks": ["chợ Trung tâm Uông Bí", "Bệnh viện Việt Nam - Thụy Điển Uông Bí", "hồ Yên Trung"]},
    {"commune": "Phường Vàng Danh", "streets": ["Vàng Danh", "Hoàng Hoa Thám", "Lê Lợi"], "landmarks": ["chợ Vàng Danh", "mỏ than Vàng Danh", "Trường THPT Hoàng Văn Thụ"]},
    {"commune": "Phường Đông Triều", "streets": ["Quốc lộ 18", "Nguyễn Đức Cảnh", "Hoàng Quốc Việt"], "landmarks": ["chợ Đông Triều", "Trung tâm y tế Đông Triều", "sân vận động Đông Triều"]},
    {"commune": "Phường Mạo Khê", "streets": ["Quốc lộ 18", "Tràng Bạch", "Lê Lợi"], "landmarks": ["chợ Mạo Khê", "ga Mạo Khê", "mỏ than Mạo Khê"]},
    {"commune": "Phường Quảng Yên", "streets": ["Ngô Quyền", "Bạch Đằng", "Trần Khánh Dư"], "landmarks": ["chợ Rừng", "bến phà Rừng", "Trường THPT Bạch Đằng"]},
    {"commune": "Phường Móng Cái 1", "streets": ["Hùng Vương", "Trần Phú", "Hữu Nghị"], "landmarks": ["chợ Trung tâm Móng Cái", "cửa khẩu Bắc Luân", "bến xe Móng Cái"]},
    {"commune": "Phường Móng Cái 2", "streets": ["Đại lộ Hòa Bình", "Tuệ Tĩnh", "Vân Đồn"], "landmarks": ["chợ Ka Long", "Bệnh viện Đa khoa Móng Cái", "quảng trường Móng Cái"]},
    {"commune": "Xã Tiên Yên", "streets": ["Quốc lộ 18C", "Quốc lộ 4B", "Lý Thường Kiệt"], "landmarks": ["chợ Tiên Yên", "bến xe Tiên Yên", "phố cổ Tiên Yên"]},
    {"commune": "Xã Bình Liêu", "streets": ["Quốc lộ 18C", "Đồng Tâm", "Lục Nà"], "landmarks": ["chợ Bình Liêu", "Trung tâm y tế Bình Liêu", "thác Khe Vằn"]},
    {"commune": "Xã Đầm Hà", "streets": ["Quốc lộ 18", "Đầm Hà", "Tân Bình"], "landmarks": ["chợ Đầm Hà", "Trường THCS Đầm Hà", "cầu Đầm Hà"]},
    {"commune": "Xã Hải Hòa", "streets": ["Quốc lộ 18", "Quảng Hà", "Hải Hòa"], "landmarks": ["chợ Quảng Hà", "cảng cá Hải Hòa", "Trường Tiểu học Hải Hòa"]},
    {"commune": "Đặc khu Vân Đồn", "streets": ["Cái Rồng", "Đông Xá", "Vân Đồn"], "landmarks": ["chợ Cái Rồng", "cảng Cái Rồng", "sân bay Vân Đồn"]},
    {"commune": "Đặc khu Cô Tô", "streets": ["Cô Tô", "Hồng Vân", "Thanh Lân"], "landmarks": ["chợ Cô Tô", "cảng Cô Tô", "bãi tắm Hồng Vàn"]},
    {"commune": "Xã Ba Chẽ", "streets": ["Quốc lộ 4B", "Ba Chẽ", "Thanh Sơn"], "landmarks": ["chợ Ba Chẽ", "cầu Ba Chẽ", "Trường THCS Ba Chẽ"]},
]

# Each matter: its category and four or five wordings a citizen might use. {s} = street, {l} = landmark.
MATTERS = [
    ("thoat-nuoc", "ngap", [
        "Đường {s} đoạn gần {l} bị ngập sâu sau cơn mưa chiều nay, nước tràn vào nhà dân, đề nghị khơi thông cống thoát nước.",
        "Mưa to là khu vực {l} trên đường {s} lại ngập gần nửa mét, xe máy chết máy hàng loạt, đề nghị xử lý cống thoát nước.",
        "Nước ngập đường {s}, chỗ cạnh {l}, người dân không đi lại được, cống bị tắc lâu rồi.",
        "Tôi gọi lại lần nữa về việc ngập nước ở {s} gần {l}, đến giờ nước vẫn chưa rút.",
        "Khu {l} ngập úng nghiêm trọng, nước mưa không thoát được, nhiều nhà trên đường {s} bị nước vào.",
    ]),
    ("thoat-nuoc", "hoga", [
        "Hố ga trên đường {s} trước {l} bị mất nắp, rất nguy hiểm cho người đi đường buổi tối.",
        "Nắp cống ở đoạn {s} gần {l} bị vỡ, hở một lỗ lớn, đã có người đi xe máy bị sụp bánh.",
        "Đề nghị đậy lại hố ga bị mất nắp trên {s}, ngay {l}, trẻ con đi học qua đây rất nguy hiểm.",
        "Hố ga hở miệng trên đường {s} (khu vực {l}) chưa được che chắn, xin cho người xuống xử lý gấp.",
    ]),
    ("moi-truong", "rac", [
        "Rác thải tồn đọng nhiều ngày tại {l} trên đường {s}, bốc mùi hôi thối, đề nghị thu gom.",
        "Xe rác không đến thu gom cả tuần nay, rác chất đống cạnh {l}, ruồi nhặng rất nhiều.",
        "Điểm tập kết rác ở {s} gần {l} quá tải, rác tràn ra lòng đường, mùi rất khó chịu.",
        "Phản ánh lại việc rác không được thu ở khu {l}, đường {s}, người dân phải bịt mũi khi đi qua.",
    ]),
    ("moi-truong", "khoi", [
        "Cơ sở sản xuất gần {l} trên đường {s} thải khói đen và mùi khét suốt đêm, người dân không ngủ được.",
        "Khói bụi từ xưởng cạnh {l} bay sang khu dân cư đường {s}, mùi hắc rất khó thở.",
        "Xưởng gần {l} đốt gì đó cả đêm, khói mù mịt cả đoạn {s}, trẻ nhỏ ho nhiều.",
        "Đề nghị kiểm tra cơ sở gây ô nhiễm không khí ở khu {l}, phố {s}, khói và mùi khét kéo dài.",
    ]),
    ("moi-truong", "on", [
        "Quán karaoke gần {l} đường {s} hát to đến 1–2 giờ sáng, ảnh hưởng giấc ngủ người dân.",
        "Tiếng nhạc, tiếng hát karaoke từ quán cạnh {l} quá ồn, đêm nào cũng kéo dài quá nửa đêm.",
        "Đêm qua quán hát ở {s} gần {l} lại mở loa hết cỡ tới sáng, đề nghị xử lý tiếng ồn.",
        "Gây ồn ào kéo dài: karaoke trên {s} khu {l}, người già và trẻ em không ngủ được.",
    ]),
    ("giao-thong", "oga", [
        "Mặt đường {s} đoạn qua {l} xuất hiện ổ gà lớn, nhiều người đi xe máy bị ngã.",
        "Đường {s} gần {l} hư hỏng, nhiều ổ voi ổ gà, trời mưa đọng nước không nhìn thấy.",
        "Đoạn {s} trước {l} mặt đường bị bong tróc, sụt lún, đề nghị sửa chữa sớm.",
        "Tôi phản ánh tiếp ổ gà trên đường {s} ở {l}, sáng nay lại có người ngã xe.",
    ]),
    ("giao-thong", "dentinhieu", [
        "Đèn tín hiệu giao thông tại nút giao {s} gần {l} bị hỏng, chỉ nháy vàng, xe cộ đi lộn xộn.",
        "Cột đèn xanh đèn đỏ ở ngã tư {s} chỗ {l} không hoạt động từ sáng, rất dễ va chạm.",
        "Đèn giao thông trên {s} gần {l} tắt hẳn, giờ cao điểm ùn tắc kéo dài.",
        "Đề nghị sửa đèn tín hiệu ở giao lộ {s} cạnh {l}, đèn hỏng cả ngày nay.",
    ]),
    ("trat-tu-do-thi", "viahe", [
        "Các hộ kinh doanh lấn chiếm vỉa hè đường {s} gần {l} để bày hàng, người đi bộ phải xuống lòng đường.",
        "Vỉa hè trước {l} trên phố {s} bị quán ăn chiếm hết làm chỗ để bàn ghế và xe khách.",
        "Buôn bán tràn ra vỉa hè, lòng đường khu {l} ({s}), gây mất trật tự và ùn tắc.",
        "Người dân không có chỗ đi bộ vì vỉa hè {s} gần {l} bị chiếm dụng kinh doanh.",
    ]),
    ("trat-tu-do-thi", "xaydung", [
        "Công trình nhà ở gần {l} trên đường {s} xây dựng vượt tầng, không có biển báo giấy phép.",
        "Nhà đang xây ở {s} cạnh {l} lấn ra hành lang đường, đổ vật liệu ra lòng đường.",
        "Phản ánh công trình xây dựng không phép tại khu {l}, đường {s}, làm việc cả ban đêm.",
        "Đề nghị kiểm tra giấy phép xây dựng của căn nhà đang xây sát {l}, phố {s}, xây lấn sang nhà bên.",
    ]),
    ("chieu-sang", "den", [
        "Đèn đường trên tuyến {s} đoạn gần {l} không sáng nhiều đêm nay, rất tối và mất an toàn.",
        "Cả dãy đèn chiếu sáng ở {s} chỗ {l} bị tắt, buổi tối đi lại rất nguy hiểm.",
        "Đoạn {s} gần {l} tối om vì đèn đường hỏng, đề nghị sửa chữa.",
        "Đèn công cộng khu {l} trên đường {s} chập chờn rồi tắt hẳn từ tuần trước.",
    ]),
    ("cap-nuoc", "matnuoc", [
        "Khu dân cư đường {s} gần {l} bị mất nước sinh hoạt từ sáng đến giờ không báo trước.",
        "Nhà tôi ở {s} (gần {l}) cúp nước hai ngày rồi, không có nước để nấu ăn, tắm giặt.",
        "Mất nước diện rộng khu vực {l}, phố {s}, công ty nước không thông báo lịch cắt nước.",
        "Gọi lần hai: khu {l} đường {s} vẫn chưa có nước, đề nghị cấp nước tạm bằng xe bồn.",
    ]),
    ("cap-nuoc", "vong", [
        "Đường ống nước bị vỡ trên đường {s} trước {l}, nước phun lên mặt đường lãng phí.",
        "Ống cấp nước ở {s} gần {l} bị rò rỉ, nước chảy thành dòng suốt từ tối qua.",
        "Vỡ ống nước sạch tại khu {l}, đường {s}, mặt đường ngập nước, đề nghị công ty nước xử lý.",
        "Đề nghị sửa ngay chỗ ống nước bị bục ở {s}, sát {l}, nước vẫn đang phun.",
    ]),
    ("cap-nuoc", "nuocduc", [
        "Nước máy ở khu {l} đường {s} mấy hôm nay đục, có cặn và mùi lạ, không dám dùng.",
        "Nước sinh hoạt tại {s} gần {l} màu vàng đục, có mùi clo nặng, đề nghị kiểm tra chất lượng.",
        "Nhà tôi gần {l} ({s}) nước chảy ra có cặn bẩn, nấu ăn không được.",
        "Chất lượng nước máy khu {l} không đảm bảo, nước đục và có mùi tanh.",
    ]),
    ("dien", "matdien", [
        "Khu vực {l} trên đường {s} bị mất điện từ 8 giờ sáng đến giờ chưa có lại, không có thông báo.",
        "Cúp điện cả khu {l}, đường {s} mấy tiếng rồi, trời nóng người già và trẻ nhỏ rất mệt.",
        "Điện mất đột ngột ở {s} chỗ {l}, gọi điện lực không ai nghe máy.",
        "Phản ánh tiếp: khu {l} đường {s} vẫn mất điện, đề nghị điện lực cử người kiểm tra.",
    ]),
    ("dien", "cotdien", [
        "Cột điện trên đường {s} gần {l} bị nghiêng sau bão, dây điện võng thấp sát đầu người.",
        "Dây điện đứt treo lơ lửng trên {s} trước {l}, có tia lửa, rất nguy hiểm.",
        "Cột điện ở {s} cạnh {l} nghiêng hẳn về phía nhà dân, sợ đổ lúc có gió to.",
        "Đề nghị xử lý gấp dây điện võng thấp và cột điện nghiêng ở {l}, đường {s}.",
    ]),
    ("an-ninh-trat-tu", "duaxe", [
        "Thanh niên tụ tập đua xe, nẹt pô trên đường {s} đoạn gần {l} vào ban đêm.",
        "Đêm nào cũng có nhóm thanh niên chạy xe lạng lách, rú ga ầm ĩ ở {s} gần {l}.",
        "Tình trạng đua xe trái phép tại khu {l} trên đường {s} lúc 1–2 giờ sáng, người dân rất lo sợ.",
        "Phản ánh lại việc đua xe, nẹt pô ở {s} cạnh {l}, tối qua vẫn tiếp diễn.",
    ]),
    ("an-ninh-trat-tu", "trom", [
        "Khu vực {l} đường {s} liên tục xảy ra trộm cắp xe máy trong tuần này.",
        "Nhà tôi gần {l} trên {s} vừa bị mất trộm xe máy đêm qua, hàng xóm cũng bị mất đồ.",
        "Trộm đột nhập nhiều nhà ở khu {l}, phố {s}, đề nghị công an tăng cường tuần tra.",
        "Người dân ở {s} gần {l} lo lắng vì tình trạng trộm cắp tài sản gia tăng.",
    ]),
    ("thien-tai", "cayđo", [
        "Cây xanh trên đường {s} trước {l} bị gãy đổ sau cơn giông, chắn ngang đường.",
        "Một cây to đổ ra giữa đường {s} gần {l}, xe không đi qua được, đề nghị dọn gấp.",
        "Cây đổ đè lên dây điện ở {s} chỗ {l} sau mưa bão, rất nguy hiểm.",
        "Đề nghị cắt dọn cây gãy đổ trên {s} khu {l}, cành cây vẫn nằm giữa lòng đường.",
    ]),
    ("thien-tai", "satlo", [
        "Taluy dương cạnh đường {s} gần {l} bị sạt lở sau mưa lớn, đất đá tràn xuống mặt đường.",
        "Đất đá sạt xuống đường {s} đoạn qua {l}, nguy cơ sạt tiếp vào nhà dân phía dưới.",
        "Sạt lở đồi phía sau {l} trên tuyến {s}, đề nghị cảnh báo và di dời các hộ dân.",
        "Khu {l} đường {s} có vết nứt lớn trên sườn đồi, người dân sợ sạt lở khi mưa tiếp.",
    ]),
    ("y-te", "thucpham", [
        "Nhiều học sinh bị đau bụng, nôn sau bữa trưa tại bếp ăn gần {l} trên đường {s}, nghi ngộ độc thực phẩm.",
        "Con tôi và mấy bạn ăn ở căng tin cạnh {l} ({s}) về bị tiêu chảy, đề nghị kiểm tra an toàn thực phẩm.",
        "Nghi ngộ độc thực phẩm tập thể sau bữa ăn ở {l}, đường {s}, nhiều người phải đi viện.",
        "Đề nghị kiểm tra bếp ăn khu {l} trên {s}, hôm qua nhiều người ăn xong bị nôn mửa.",
    ]),
    ("giao-duc", "thuphi", [
        "Trường gần {l} trên đường {s} thu nhiều khoản ngoài quy định đầu năm học, phụ huynh bức xúc.",
        "Phụ huynh phản ánh các khoản thu quỹ lớp, quỹ trường quá cao ở trường cạnh {l} ({s}).",
        "Đề nghị kiểm tra việc lạm thu đầu năm học tại trường khu {l}, phố {s}.",
        "Con tôi học trường gần {l} đường {s}, nhà trường yêu cầu đóng tiền ngoài quy định mà không giải thích.",
    ]),
    ("thu-tuc-hanh-chinh", "trehen", [
        "Hồ sơ đăng ký hộ kinh doanh nộp tại bộ phận một cửa gần {l} đã quá hẹn mà chưa có kết quả.",
        "Tôi nộp hồ sơ ở trung tâm phục vụ hành chính công (đường {s}, gần {l}) đã trễ hẹn một tuần.",
        "Bộ phận một cửa khu {l} hẹn trả kết quả nhưng đến nay chưa trả, cũng không có thư xin lỗi.",
        "Hồ sơ của tôi bị trễ hẹn ở một cửa đường {s}, cán bộ chỉ bảo chờ thêm.",
    ]),
    ("an-sinh-xa-hoi", "trocap", [
        "Mẹ tôi ở khu {l} đường {s} đã đủ 80 tuổi mà chưa được nhận trợ cấp người cao tuổi.",
        "Gia đình tôi gần {l} ({s}) thuộc hộ nghèo nhưng mấy tháng nay không nhận được tiền trợ cấp.",
        "Đề nghị xem xét chế độ trợ cấp xã hội cho người khuyết tật ở khu {l}, phố {s}, hồ sơ nộp lâu rồi.",
        "Trợ cấp hằng tháng của bố tôi (nhà gần {l}, đường {s}) bị dừng mà không rõ lý do.",
    ]),
    ("dat-dai", "lanchiem", [
        "Hộ liền kề xây tường rào lấn sang đất nhà tôi gần {l} trên đường {s}, đề nghị kiểm tra.",
        "Nhà bên cạnh (đường {s}, gần {l}) tự ý xây lấn ranh giới đất khoảng nửa mét.",
        "Phản ánh việc lấn chiếm đất công cạnh {l} trên {s} để dựng quán tạm.",
        "Đề nghị đo đạc lại ranh giới, hàng xóm ở {s} chỗ {l} xây lấn sang phần đất của gia đình.",
    ]),
]

# A call that follows another by the same person, or a second neighbour, is usually short.
CHANNELS = ["phone", "phone", "phone", "app", "web", "zalo", "email", "portal"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn Hùng", "Thị Lan", "Văn Nam", "Thị Hoa", "Đức Minh", "Thị Thu", "Quang Huy", "Thị Mai", "Văn Tuấn", "Ngọc Anh"]
ADDRESS_FORMS = ["số {n} đường {s}", "tổ {t}, khu {k}, đường {s}", "ngõ {n} {s}", "gần {l}", "{n} {s}", None]


def phone():
    return random.choice(["09", "03", "08", "07"]) + "".join(random.choice("0123456789") for _ in range(8))


def fill(text, place, street, landmark):
    return text.replace("{s}", street).replace("{l}", landmark)


def ticket(matter_text, place, street, landmark, same_phone_as=None, with_commune=None):
    channel = random.choice(CHANNELS)
    form = random.choice(ADDRESS_FORMS)
    address = None
    if form:
        address = form.format(n=random.randint(2, 240), s=street, t=random.randint(1, 12), k=random.randint(1, 8), l=landmark)
        if random.random() < 0.4:
            address += ", " + place["commune"].lower().replace("phường ", "phường ").replace("xã ", "xã ")
    commune = place["commune"] if (with_commune if with_commune is not None else random.random() < 0.7) else None
    has_phone = channel == "phone" or random.random() < 0.5
    return {
        "text": fill(matter_text, place, street, landmark),
        "address": address,
        "commune": commune,
        "phone": same_phone_as if same_phone_as else (phone() if has_phone else None),
        "reporter": random.choice(SURNAMES) + " " + random.choice(GIVEN),
        "channel": channel,
    }


pairs = []


def add(kind, duplicate, a, b, minutes):
    pairs.append({"id": f"{kind}-{len(pairs) + 1:03d}", "kind": kind, "duplicate": duplicate, "minutesApart": minutes, "a": a, "b": b})


# Reworded repeats: every matter, several places, two different wordings.
for _ in range(160):
    cat, key, texts = random.choice(MATTERS)
    place = random.choice(PLACES)
    street = random.choice(place["streets"])
    landmark = random.choice(place["landmarks"])
    i, j = random.sample(range(len(texts)), 2)
    a = ticket(texts[i], place, street, landmark)
    same_person = random.random() < 0.3
    b = ticket(texts[j], place, street, landmark, same_phone_as=a["phone"] if same_person and a["phone"] else None)
    minutes = random.choice([1, 3, 10, 25, 45, 90, 180, 400, 900, 1500, 3000, 6000])
    add("reworded", True, a, b, minutes)

# Same place, same hours, another matter.
for _ in range(80):
    (c1, k1, t1), (c2, k2, t2) = random.sample(MATTERS, 2)
    place = random.choice(PLACES)
    street = random.choice(place["streets"])
    landmark = random.choice(place["landmarks"])
    a = ticket(random.choice(t1), place, street, landmark)
    b = ticket(random.choice(t2), place, street, landmark, same_phone_as=a["phone"] if random.random() < 0.15 and a["phone"] else None)
    add("same-place", False, a, b, random.choice([5, 30, 120, 600, 2000]))

# The same kind of matter in another ward or commune (the same flood season, another street).
for _ in range(80):
    cat, key, texts = random.choice(MATTERS)
    p1, p2 = random.sample(PLACES, 2)
    s1, s2 = random.choice(p1["streets"]), random.choice(p2["streets"])
    if s1 == s2:
        s2 = next(s for s in p2["streets"] if s != s1)
    i, j = random.sample(range(len(texts)), 2) if random.random() < 0.6 else (random.randrange(len(texts)),) * 2
    a = ticket(texts[i], p1, s1, random.choice(p1["landmarks"]))
    b = ticket(texts[j], p2, s2, random.choice(p2["landmarks"]))
    add("same-problem", False, a, b, random.choice([10, 60, 300, 1440, 4000]))

# Unrelated.
for _ in range(30):
    (c1, k1, t1), (c2, k2, t2) = random.sample(MATTERS, 2)
    p1, p2 = random.sample(PLACES, 2)
    a = ticket(random.choice(t1), p1, random.choice(p1["streets"]), random.choice(p1["landmarks"]))
    b = ticket(random.choice(t2), p2, random.choice(p2["streets"]), random.choice(p2["landmarks"]))
    add("unrelated", False, a, b, random.choice([10, 600, 3000]))

with open("duplicate-pairs.json", "w", encoding="utf-8") as f:
    json.dump({"about": __doc__.strip(), "pairs": pairs}, f, ensure_ascii=False, indent=1)
print(len(pairs), "pairs")
