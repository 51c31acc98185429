import { canonicalWord, foldDiacritics } from "./normalize.js";
import { words } from "./words.js";

/**
 * Ways of saying the same thing in general Vietnamese: native and Sino-Vietnamese words, news and
 * administrative wording. The offline answerer gives a question word missing from a sentence part
 * of its weight when the sentence says it another way ("tìm thấy" / "phát hiện", "qua đời" /
 * "mất"). Unlike SYNONYM_GROUPS (synonyms.ts), nothing here enters the index: a paraphrase is weaker
 * evidence than the word itself.
 *
 * What belongs here: words interchangeable in most of their uses. Not words of too broad a sense
 * ("có", "là", "được"), nor pairs that would make different facts look the same (antonyms,
 * numbers, titles of different offices, distinct legal acts such as "khởi tố" and "truy tố").
 *
 * A phrase written with a leading "~" is only looked for in sentences: its word has other common
 * senses ("mất" is also to lose, "nước" water), so a question using it is not read as
 * the group's meaning.
 */
export const PARAPHRASE_GROUPS: string[][] = [
  // Finding, making, starting, ending
  ["tìm thấy", "phát hiện", "tìm ra", "khám phá"],
  ["thành lập", "lập ra", "sáng lập", "thiết lập", "khai sinh", "ra đời"],
  ["sinh ra", "chào đời", "ra đời"],
  ["qua đời", "từ trần", "tạ thế", "tử vong", "thiệt mạng", "tử nạn", "chết", "băng hà", "~mất"],
  ["xây dựng", "xây", "kiến thiết"],
  ["bắt đầu", "khởi đầu", "mở đầu", "khởi sự"],
  ["kết thúc", "chấm dứt", "khép lại"],
  ["hoàn thành", "hoàn tất", "làm xong"],
  ["khởi công", "động thổ"],
  ["khánh thành", "đưa vào sử dụng", "đưa vào hoạt động"],
  ["khai trương", "mở cửa"],
  ["đóng cửa", "ngừng hoạt động", "dừng hoạt động"],
  ["ngừng", "dừng", "dừng lại", "ngưng"],
  ["tạm dừng", "tạm ngừng", "tạm ngưng", "đình chỉ"],
  ["tạo ra", "tạo nên", "làm ra"],
  ["sản xuất", "chế tạo", "chế biến"],
  ["phát minh", "sáng chế"],
  ["nghiên cứu", "tìm hiểu"],
  ["hình thành", "xuất hiện", "nảy sinh"],
  ["biến mất", "mất tích", "tuyệt chủng", "diệt vong"],
  // Change and amount
  ["tăng", "gia tăng", "tăng lên", "nâng lên", "tăng cao"],
  ["tăng trưởng", "phát triển", "lớn mạnh", "mở mang"],
  ["giảm", "suy giảm", "sụt giảm", "giảm sút", "giảm xuống", "hạ xuống", "sụt"],
  ["thay đổi", "biến đổi", "đổi khác"],
  ["thay thế", "thế chỗ", "thay cho"],
  ["mở rộng", "nới rộng", "bành trướng"],
  ["cải thiện", "nâng cao", "cải tiến"],
  ["đổi mới", "canh tân"],
  ["duy trì", "giữ vững", "tiếp tục"],
  ["bảo tồn", "gìn giữ", "lưu giữ", "bảo quản"],
  ["bảo vệ", "che chở", "bảo hộ"],
  ["phòng thủ", "phòng ngự"],
  ["phá hủy", "tàn phá", "hủy diệt", "phá hoại"],
  ["hợp nhất", "sáp nhập", "sát nhập", "nhập vào", "gộp"],
  ["chia tách", "tách ra", "phân chia"],
  ["đơn giản hóa", "rút gọn", "giản lược", "giản tiện"],
  ["tinh gọn", "tinh giản", "gọn nhẹ"],
  ["tối đa", "không quá", "không vượt quá", "nhiều nhất"],
  ["tối thiểu", "ít nhất", "không dưới"],
  ["khoảng", "chừng", "xấp xỉ", "ước chừng", "ước tính", "khoảng chừng"],
  ["hầu hết", "phần lớn", "đa số", "đại đa số", "đại bộ phận"],
  ["tất cả", "toàn bộ", "hết thảy", "tất thảy"],
  ["hiếm", "hiếm hoi", "ít ỏi"],
  ["thường xuyên", "thường hay"],
  ["chủ yếu", "chủ đạo", "chính yếu"],
  ["đầu tiên", "lần đầu", "trước tiên", "sớm nhất"],
  ["cuối cùng", "sau cùng", "sau chót"],
  ["trước đây", "trước kia", "xưa kia", "thuở trước", "ngày trước"],
  ["lớn nhất", "to nhất"],
  ["nhỏ nhất", "bé nhất"],
  ["chiều dài", "độ dài"],
  ["chiều cao", "độ cao"],
  ["chiều rộng", "bề rộng", "độ rộng"],
  ["chiều sâu", "độ sâu"],
  ["trọng lượng", "khối lượng", "cân nặng"],
  // Cause, purpose, means
  ["gây ra", "gây nên", "dẫn đến", "dẫn tới", "khiến", "làm cho"],
  ["nguyên nhân", "lý do", "lí do", "nguyên do", "căn nguyên", "duyên cớ"],
  ["mục đích", "mục tiêu", "nhằm"],
  ["ảnh hưởng", "tác động", "chi phối"],
  ["phương pháp", "cách thức", "phương thức"],
  ["biện pháp", "giải pháp"],
  ["kết quả", "thành quả", "thành tích"],
  ["thành công", "thắng lợi"],
  ["ưu điểm", "điểm mạnh", "thế mạnh", "lợi thế"],
  ["nhược điểm", "điểm yếu", "khuyết điểm", "điểm hạn chế"],
  ["khó khăn", "vướng mắc", "trở ngại", "cản trở", "bất cập"],
  ["quan trọng", "trọng yếu", "hệ trọng", "then chốt", "trọng tâm"],
  ["nổi tiếng", "nổi danh", "lừng danh", "trứ danh", "có tiếng"],
  ["phổ biến", "thông dụng", "thịnh hành"],
  ["nhanh chóng", "nhanh", "mau chóng", "mau"],
  ["chậm trễ", "chậm", "trễ", "muộn", "trễ hạn", "quá hạn"],
  ["đúng hạn", "đúng hẹn", "đúng thời hạn"],
  ["đầy đủ", "trọn vẹn", "hoàn chỉnh"],
  ["cổ xưa", "xa xưa", "lâu đời", "cổ kính"],
  ["hiện đại", "tân tiến", "tiên tiến"],
  ["giàu có", "giàu", "thịnh vượng", "sung túc"],
  ["nghèo", "nghèo khó", "nghèo đói", "bần cùng"],
  ["nguy hiểm", "hiểm nguy", "nguy hại"],
  ["ô nhiễm", "nhiễm bẩn"],
  // Speaking, deciding, asking
  ["phát biểu", "nói", "bày tỏ"],
  ["thông báo", "cho hay", "thông tin"],
  ["tuyên bố", "khẳng định", "tuyên bố rằng"],
  ["đánh giá", "nhận định", "nhận xét"],
  ["khảo sát", "điều tra", "thăm dò"],
  ["giải thích", "làm rõ", "lý giải"],
  ["hướng dẫn", "chỉ dẫn"],
  ["yêu cầu", "đòi hỏi"],
  ["đề xuất", "kiến nghị", "đề nghị"],
  ["góp ý", "đóng góp ý kiến", "cho ý kiến"],
  ["đồng ý", "tán thành", "chấp nhận", "chấp thuận", "nhất trí"],
  ["ủng hộ", "hưởng ứng"],
  ["phản đối", "chống đối", "phản kháng"],
  ["từ chối", "khước từ", "bác bỏ"],
  ["cho phép", "chấp thuận", "cấp phép"],
  ["phê duyệt", "phê chuẩn", "thông qua", "duyệt"],
  ["ban hành", "ban bố"],
  ["lựa chọn", "chọn", "chọn lựa", "tuyển chọn"],
  ["bầu", "bầu chọn", "bỏ phiếu"],
  ["bổ nhiệm", "chỉ định"],
  ["đặt tên", "gọi là", "mang tên", "có tên", "lấy tên", "tên gọi"],
  ["xem xét", "cân nhắc"],
  ["kiểm tra", "rà soát"],
  ["giúp đỡ", "giúp", "hỗ trợ", "trợ giúp"],
  ["hợp tác", "cộng tác", "phối hợp"],
  ["cạnh tranh", "ganh đua", "tranh giành"],
  ["tham gia", "tham dự", "góp mặt"],
  ["diễn ra", "xảy ra"],
  ["trở thành", "trở nên"],
  // Having, giving, moving
  ["sở hữu", "làm chủ", "nắm giữ"],
  ["kiểm soát", "khống chế", "chế ngự"],
  ["cung cấp", "cung ứng", "cấp phát"],
  ["nhận được", "tiếp nhận", "thu nhận"],
  ["gửi", "gởi"],
  ["sử dụng", "dùng", "tận dụng"],
  ["thực hiện", "tiến hành", "triển khai", "thực thi", "thi hành"],
  ["đạt", "đạt được", "đạt mức"],
  ["giành", "giành được", "đoạt", "đoạt được"],
  ["chiến thắng", "đánh bại", "đánh thắng", "thắng", "hạ gục"],
  ["thất bại", "thua", "thua cuộc", "bại trận"],
  ["di chuyển", "dời đi", "chuyển đến", "dời đến"],
  ["di cư", "di dân"],
  ["sinh sống", "cư trú", "sống", "định cư"],
  ["làm việc", "công tác"],
  ["học tập", "theo học"],
  ["giảng dạy", "dạy", "dạy học"],
  ["đào tạo", "huấn luyện", "bồi dưỡng"],
  ["sáng tác", "biên soạn", "~viết"],
  ["xuất bản", "phát hành", "ấn hành"],
  ["biên dịch", "phiên dịch", "chuyển ngữ", "dịch thuật"],
  ["công chiếu", "trình chiếu", "phát sóng"],
  ["mua", "mua sắm", "tậu"],
  ["tiêu thụ", "bán ra", "~bán"],
  ["hoàn trả", "trả lại", "hoàn lại"],
  ["vay mượn", "mượn", "vay"],
  ["thất lạc", "đánh mất", "bị mất", "~mất"],
  ["tấn công", "tiến công", "công kích", "tập kích"],
  ["chiếm đóng", "chiếm giữ", "chiếm lĩnh"],
  ["giết", "sát hại", "giết hại", "giết chết", "ám sát"],
  ["cai trị", "thống trị", "cầm quyền", "trị vì"],
  ["lãnh đạo", "dẫn dắt", "đứng đầu"],
  ["chỉ huy", "thống lĩnh"],
  ["kết hôn", "cưới", "thành hôn", "lấy vợ", "lấy chồng"],
  ["ly hôn", "ly dị", "li hôn", "li dị"],
  ["mang thai", "có thai", "có bầu", "mang bầu"],
  ["sinh con", "sinh nở", "sinh đẻ"],
  ["nghỉ hưu", "về hưu"],
  ["nghỉ hằng năm", "nghỉ phép năm", "nghỉ hàng năm", "nghỉ phép hằng năm"],
  ["làm thêm giờ", "làm thêm", "tăng ca"],
  ["thời giờ làm việc", "thời gian làm việc", "giờ làm việc"],
  ["từ chức", "xin thôi việc", "thôi giữ chức vụ"],
  ["sa thải", "đuổi việc", "cho thôi việc"],
  ["tuyển dụng", "tuyển", "tuyển người"],
  ["khen thưởng", "tuyên dương", "biểu dương"],
  ["trộm cắp", "ăn cắp", "đánh cắp", "lấy cắp", "ăn trộm", "trộm"],
  ["lừa đảo", "gian lận", "lừa gạt"],
  ["tham nhũng", "tham ô", "nhận hối lộ"],
  ["lãng phí", "phí phạm", "hoang phí"],
  ["tiết kiệm", "tiết giảm"],
  ["bắt giữ", "bắt giam"],
  ["xét xử", "xử án"],
  ["phạt tiền", "xử phạt", "phạt"],
  ["vi phạm", "sai phạm", "phạm luật", "trái luật"],
  ["bất hợp pháp", "trái phép", "phi pháp", "trái pháp luật"],
  ["hợp pháp", "đúng luật", "đúng pháp luật"],
  ["nghiêm cấm", "ngăn cấm", "cấm đoán", "cấm"],
  ["bắt buộc", "buộc phải"],
  ["miễn phí", "không mất phí", "không thu phí", "không mất tiền"],
  ["gia hạn", "kéo dài thời hạn"],
  ["hết hạn", "hết hiệu lực"],
  ["ủy quyền", "ủy thác"],
  ["đăng ký", "đăng kí", "ghi danh"],
  ["hủy bỏ", "bãi bỏ", "xóa bỏ", "hủy"],
  ["sửa đổi", "điều chỉnh", "sửa"],
  ["nộp", "gửi", "nộp lại"],
  ["nộp thuế", "đóng thuế"],
  ["đóng tiền", "nộp tiền", "trả tiền", "thanh toán", "chi trả"],
  ["chi tiêu", "tiêu dùng", "tiêu xài"],
  ["đầu tư", "rót vốn", "bỏ vốn"],
  // People
  ["người dân", "công dân", "nhân dân", "dân chúng", "cư dân"],
  ["dân số", "số dân"],
  ["trẻ em", "trẻ nhỏ", "trẻ con", "thiếu nhi", "nhi đồng"],
  ["trẻ sơ sinh", "em bé", "trẻ mới sinh"],
  ["người già", "người cao tuổi", "người cao niên", "cao niên"],
  ["phụ nữ", "nữ giới", "đàn bà"],
  ["nam giới", "đàn ông", "nam nhi"],
  ["người lao động", "công nhân", "lao động"],
  ["nhân viên", "nhân sự"],
  ["thất nghiệp", "mất việc", "mất việc làm"],
  ["việc làm", "công ăn việc làm"],
  ["nghề nghiệp", "nghề"],
  ["tiền lương", "lương", "tiền công"],
  ["lương hưu", "tiền hưu", "hưu trí"],
  ["trợ cấp", "phụ cấp", "tiền hỗ trợ"],
  ["học sinh", "học trò"],
  ["giáo viên", "thầy cô", "nhà giáo", "giảng viên"],
  ["bác sĩ", "bác sỹ", "thầy thuốc", "y sĩ", "y sỹ"],
  ["bệnh nhân", "người bệnh"],
  ["nông dân", "nhà nông"],
  ["tác giả", "người viết", "người sáng tác"],
  ["ca sĩ", "ca sỹ"],
  ["cầu thủ", "tuyển thủ", "vận động viên"],
  ["người sáng lập", "nhà sáng lập", "sáng lập viên"],
  ["chủ sở hữu", "người sở hữu", "chủ nhân"],
  ["nhà nghiên cứu", "học giả"],
  ["nhà khoa học", "khoa học gia"],
  ["khách hàng", "người tiêu dùng", "người mua"],
  ["du khách", "khách du lịch", "khách tham quan"],
  ["ứng cử viên", "ứng viên", "người ứng cử"],
  ["người tị nạn", "người tỵ nạn", "dân tị nạn"],
  ["người đứng đầu", "thủ trưởng"],
  ["đại diện", "thay mặt"],
  ["quân đội", "binh lính", "binh sĩ", "quân lính", "lực lượng vũ trang"],
  ["vua", "hoàng đế", "quốc vương", "nhà vua"],
  ["dân tộc", "sắc tộc", "tộc người"],
  // Places, countries, institutions
  ["quốc gia", "đất nước", "xứ sở", "~nước"],
  ["thủ đô", "kinh đô", "kinh thành"],
  ["thành phố", "đô thị"],
  ["khu vực", "vùng", "địa bàn"],
  ["biên giới", "ranh giới", "đường biên"],
  ["giáp", "giáp ranh", "tiếp giáp", "giáp với"],
  ["thế giới", "toàn cầu", "hoàn cầu"],
  ["trái đất", "địa cầu", "quả đất"],
  ["mặt trời", "thái dương"],
  ["ngọn núi", "núi", "dãy núi"],
  ["dòng sông", "con sông", "~sông"],
  ["đại dương", "biển cả", "~biển"],
  ["hòn đảo", "~đảo"],
  ["đế quốc", "đế chế"],
  ["triều đại", "vương triều"],
  ["thế kỷ", "thế kỉ"],
  ["chính phủ", "nhà nước", "chính quyền"],
  ["quốc hội", "nghị viện"],
  ["doanh nghiệp", "công ty", "hãng", "tập đoàn"],
  ["nhà máy", "xí nghiệp", "công xưởng", "xưởng"],
  ["bệnh viện", "cơ sở y tế", "cơ sở khám chữa bệnh", "cơ sở khám bệnh"],
  ["trường học", "nhà trường"],
  ["nhà thờ", "giáo đường", "thánh đường"],
  ["bảo tàng", "viện bảo tàng"],
  ["sân bay", "phi trường", "cảng hàng không"],
  ["bến cảng", "hải cảng", "~cảng"],
  ["sân vận động", "sân bóng"],
  ["ngân hàng", "nhà băng"],
  ["đại sứ quán", "sứ quán"],
  ["câu lạc bộ", "đội bóng"],
  ["chính đảng", "đảng phái", "~đảng"],
  ["nhà ở", "chỗ ở", "nơi ở", "căn hộ"],
  ["hộ khẩu", "thường trú", "nơi thường trú"],
  // Documents, law, administration
  ["giấy tờ", "hồ sơ", "chứng từ"],
  ["tài liệu", "văn bản"],
  ["thủ tục", "quy trình", "trình tự"],
  ["pháp luật", "luật pháp", "luật", "bộ luật"],
  ["quy định", "quy chế", "quy tắc"],
  ["hiệp ước", "hiệp định", "điều ước"],
  ["thỏa thuận", "thỏa ước", "giao kèo"],
  ["liên minh", "đồng minh"],
  ["chính sách", "chủ trương", "đường lối"],
  ["kế hoạch", "dự định", "dự kiến"],
  ["dự án", "công trình"],
  ["nhiệm vụ", "trách nhiệm", "phận sự"],
  ["thẩm quyền", "quyền hạn"],
  ["lệ phí", "phí", "mức phí", "tiền phí"],
  ["kinh phí", "chi phí", "phí tổn"],
  ["ngân sách", "ngân quỹ"],
  ["vốn", "nguồn vốn"],
  ["thời hạn", "kỳ hạn", "hạn chót"],
  ["giấy chứng nhận", "chứng nhận"],
  ["sổ đỏ", "sổ hồng", "giấy chứng nhận quyền sử dụng đất"],
  ["bản sao", "bản chụp", "bản photo"],
  ["chứng thực", "sao y"],
  ["khiếu nại", "khiếu kiện"],
  ["phản ánh", "phản hồi"],
  ["tiếp dân", "tiếp công dân"],
  ["chữ ký số", "ký số"],
  ["số hóa", "chuyển đổi số"],
  ["dữ liệu", "số liệu"],
  ["phần mềm", "ứng dụng", "app"],
  ["điện thoại di động", "điện thoại", "di động", "smartphone"],
  ["internet", "mạng internet"],
  ["máy tính", "máy vi tính"],
  ["máy móc", "thiết bị", "trang thiết bị"],
  ["công nghệ", "kỹ thuật", "kĩ thuật"],
  ["sản phẩm", "hàng hóa", "mặt hàng"],
  ["thương mại", "buôn bán", "mậu dịch", "giao thương"],
  ["kinh doanh", "làm ăn"],
  ["doanh thu", "doanh số"],
  ["lợi nhuận", "tiền lãi", "lãi"],
  ["thua lỗ", "lỗ vốn", "~lỗ"],
  ["giá cả", "giá thành", "giá bán"],
  ["giá trị", "trị giá"],
  ["tài sản", "của cải"],
  ["tiền tệ", "đồng tiền"],
  ["tỷ lệ", "tỉ lệ"],
  ["GDP", "tổng sản phẩm quốc nội"],
  // Health
  ["bệnh", "căn bệnh", "bệnh tật", "chứng bệnh"],
  ["dịch bệnh", "đại dịch"],
  ["bệnh truyền nhiễm", "bệnh lây nhiễm", "bệnh lây"],
  ["điều trị", "chữa trị", "chữa bệnh", "chạy chữa", "chữa"],
  ["dược phẩm", "thuốc men", "~thuốc"],
  ["tiêm chủng", "tiêm phòng", "chích ngừa", "tiêm vắc xin", "tiêm vaccine"],
  ["vắc xin", "vaccine", "vacxin"],
  ["lây nhiễm", "lây lan", "lây truyền", "lây"],
  ["mắc bệnh", "nhiễm bệnh", "bị bệnh"],
  ["ca bệnh", "ca mắc", "ca nhiễm", "trường hợp mắc"],
  ["triệu chứng", "biểu hiện", "dấu hiệu"],
  ["phòng ngừa", "ngăn ngừa", "phòng chống", "dự phòng", "ngăn chặn"],
  ["vi khuẩn", "vi trùng"],
  ["virus", "vi rút", "siêu vi"],
  ["miễn dịch", "sức đề kháng"],
  ["bị thương", "thương tích", "chấn thương"],
  ["tai nạn", "sự cố"],
  ["khám chữa bệnh", "khám bệnh", "chữa bệnh"],
  ["thai sản", "sinh đẻ"],
  ["thực phẩm", "đồ ăn", "thức ăn"],
  // Nature, disasters, farming
  ["thiên tai", "thảm họa thiên nhiên"],
  ["thảm họa", "tai họa", "thảm kịch"],
  ["lũ lụt", "lũ", "lụt", "ngập lụt"],
  ["hạn hán", "khô hạn"],
  ["cơn bão", "bão tố", "giông bão"],
  ["động đất", "địa chấn"],
  ["hỏa hoạn", "đám cháy", "vụ cháy", "~cháy"],
  ["phát nổ", "vụ nổ", "~nổ"],
  ["nổ súng", "xả súng", "~bắn"],
  ["vũ khí", "khí giới", "binh khí"],
  ["chiến tranh", "chiến sự"],
  ["xung đột", "giao tranh", "đụng độ"],
  ["trận đánh", "trận chiến"],
  ["khởi nghĩa", "nổi dậy", "nổi loạn"],
  ["nông nghiệp", "nghề nông"],
  ["trồng trọt", "canh tác", "gieo trồng"],
  ["động vật", "loài vật", "muông thú", "con vật"],
  ["thực vật", "cây cối"],
  // Transport, culture, sport
  ["ô tô", "xe hơi", "xe ô tô"],
  ["xe máy", "mô tô", "xe gắn máy"],
  ["tàu hỏa", "xe lửa"],
  ["máy bay", "phi cơ", "tàu bay"],
  ["tàu thuyền", "thuyền", "ghe thuyền"],
  ["tuyến đường", "con đường", "đường sá"],
  ["giao thông", "đi lại"],
  ["du lịch", "du ngoạn", "tham quan"],
  ["lễ hội", "hội hè", "festival"],
  ["phong tục", "tập quán", "tục lệ"],
  ["truyền thống", "cổ truyền"],
  ["tôn giáo", "tín ngưỡng"],
  ["ngôn ngữ", "tiếng nói"],
  ["bộ phim", "phim", "phim ảnh"],
  ["bài hát", "ca khúc", "bài ca", "nhạc phẩm"],
  ["giải thưởng", "phần thưởng"],
  ["trận đấu", "cuộc đấu", "trận thi đấu"],
  ["mùa giải", "mùa bóng"],
  ["ghi bàn", "lập công", "làm bàn"],
  ["tin tức", "thông tin"],
  ["quảng bá", "quảng cáo", "giới thiệu"],
];

/** One phrase of the lexicon: its folded and canonical words, and whether a question may use it. */
interface Phrase {
  folded: string[];
  canon: string[];
  asked: boolean;
}

const phraseOf = (written: string): Phrase => {
  const asked = !written.startsWith("~");
  const ws = words(written.replace(/^~/, ""));
  return { folded: ws.map((w) => foldDiacritics(w)), canon: ws.map((w) => canonicalWord(w)), asked };
};

/**
 * The terms a sentence holds when it says a phrase: its word, or each pair of neighbouring words,
 * in the accented (canonical) form, so that "mất" is not met by "mắt" or "mặt".
 */
export function saidAs(canon: readonly string[]): string[] {
  if (canon.length === 1) return [...canon];
  return canon.slice(1).map((w, i) => `${canon[i]}_${w}`);
}

export type ParaphraseIndex = Map<string, Entry[]>;

interface Entry {
  phrase: Phrase;
  /** The other ways of saying it, each as the terms a sentence must all hold. */
  others: string[][];
}

/**
 * The lexicon's phrases a question may use, by their first folded word, longest first; a phrase of
 * several groups has the others of all of them.
 */
export function buildParaphraseIndex(groups: readonly string[][]): ParaphraseIndex {
  const byKey = new Map<string, Entry>();
  for (const group of groups) {
    const phrases = group.map(phraseOf);
    for (const phrase of phrases) {
      if (!phrase.asked) continue;
      const key = phrase.canon.join(" ");
      const entry = byKey.get(key) ?? { phrase, others: [] };
      byKey.set(key, entry);
      for (const other of phrases) {
        const terms = saidAs(other.canon);
        const same = other.canon.join(" ") === key;
        if (!same && !entry.others.some((o) => o.join(" ") === terms.join(" "))) entry.others.push(terms);
      }
    }
  }
  const index = new Map<string, Entry[]>();
  for (const entry of byKey.values()) {
    const first = entry.phrase.folded[0] as string;
    index.set(first, [...(index.get(first) ?? []), entry]);
  }
  for (const list of index.values()) list.sort((a, b) => b.phrase.folded.length - a.phrase.folded.length);
  return index;
}

const INDEX = buildParaphraseIndex(PARAPHRASE_GROUPS);

/**
 * Whether the question's words from `at` say the phrase: the same folded words, and each word typed
 * with accents the same accented word ("mặt" is not "mất"; "mat" may be either).
 */
function saysAt(ws: readonly string[], at: number, phrase: Phrase): boolean {
  if (at + phrase.folded.length > ws.length) return false;
  return phrase.folded.every((f, j) => {
    const w = ws[at + j] as string;
    const folded = foldDiacritics(w);
    return folded === f && (folded === w.toLowerCase() || canonicalWord(w) === phrase.canon[j]);
  });
}

/**
 * For each folded term of a text (a question) that lies in a phrase of the lexicon, the other ways
 * of saying that phrase, each as the terms a sentence must all hold. The phrases are read longest
 * first, left to right; a phrase's syllables and inner pairs all get its paraphrases, since a
 * sentence saying "mất" leaves out "qua", "đời" and "qua đời" alike.
 */
export function paraphrasesOf(text: string, index: ParaphraseIndex = INDEX): Map<string, string[][]> {
  const ws = words(text);
  const out = new Map<string, string[][]>();
  const add = (term: string, others: string[][]) => {
    const list = out.get(term) ?? [];
    for (const o of others) if (!list.some((x) => x.join(" ") === o.join(" "))) list.push(o);
    out.set(term, list);
  };
  for (let i = 0; i < ws.length; i++) {
    const entry = index.get(foldDiacritics(ws[i] as string))?.find((e) => saysAt(ws, i, e.phrase));
    if (!entry) continue;
    const { folded } = entry.phrase;
    folded.forEach((f, j) => {
      add(f, entry.others);
      if (j > 0) add(`${folded[j - 1]}_${f}`, entry.others);
    });
    i += folded.length - 1;
  }
  return out;
}
