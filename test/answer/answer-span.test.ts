import { describe, expect, it } from "vitest";
import { findAnswerSpan, hasAnswerOfType, keywordFigure } from "../../src/answer/answer-span.js";
import { answerTypeOf } from "../../src/answer/answer-type.js";
import { analyzeQuestion } from "../../src/answer/question.js";

const span = (question: string, sentence: string) =>
  findAnswerSpan(answerTypeOf(question), sentence, question)?.text;

describe("findAnswerSpan", () => {
  it("answers with the name beside the asked one in brackets", () => {
    expect(
      span(
        "Tên của thế mới nhất là gì?",
        "Toàn tân (thế mới nhất) quá nhỏ để có thể hiển thị rõ ràng trên dòng thời gian thứ ba.",
      ),
    ).toBe("Toàn tân");
    expect(
      span(
        "Tên gọi khác của Đường cao tốc Yosemite là gì?",
        "Xa lộ tiểu bang 41 (Đường cao tốc Yosemite/Đường cao tốc Eisenhower) đi vào Fresno từ phía nam.",
      ),
    ).toBe("Xa lộ tiểu bang 41");
    expect(
      span(
        "SIPAS là gì?",
        "Chỉ số hài lòng của người dân (SIPAS) năm 2024 đạt 84,65%, cao hơn mức bình quân chung.",
      ),
    ).toBe("Chỉ số hài lòng của người dân");
    // A bracket that explains a word names nothing else.
    expect(
      span(
        "“Lạp thể” nghĩa là gì?",
        'Chúng có tên lạp thể sơ cấp ("lạp thể" trong ngữ cảnh này có nghĩa là một thực thể giống lục lạp).',
      ),
    ).not.toBe("sơ cấp");
  });

  it("finds the subject asked for in a sentence told in the passive or with its agent before the verb", () => {
    expect(
      span(
        "Điều gì giới hạn hiệu suất của chu kỳ Rankine?",
        "Hiệu suất của chu kỳ Rankine thường bị giới hạn bởi lưu chất hoạt động, không phải nhiệt độ.",
      ),
    ).toBe("lưu chất hoạt động");
    expect(
      span(
        "Cơ quan nào cấp hộ chiếu phổ thông?",
        "Từ năm 2024, hộ chiếu do Cục Quản lý xuất nhập cảnh cấp hộ chiếu phổ thông qua mạng.",
      ),
    ).toBe("Cục Quản lý xuất nhập cảnh");
  });

  it("reads an office's name past its one capitalised syllable", () => {
    expect(
      span(
        "Đăng ký khai sinh cho con thì nộp hồ sơ ở đâu?",
        "Hồ sơ được nộp tại Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ.",
      ),
    ).toBe("Ủy ban nhân dân cấp xã");
    expect(
      span(
        "Nộp hồ sơ ở đâu?",
        "Người dân nộp hồ sơ tại Trung tâm Phục vụ hành chính công, hoặc qua bưu điện.",
      ),
    ).toBe("Trung tâm Phục vụ hành chính công");
    expect(span("Trận đấu diễn ra ở đâu?", "Trận đấu diễn ra tại Warsaw vào năm 1920.")).toBe("Warsaw");
    expect(span("Sông chảy qua đâu?", "Trung Lưu sông Rhine chảy qua Hẻm núi sông Rhine.")).toBe(
      "Hẻm núi sông Rhine",
    );
  });

  it("answers 'ở đâu?' with an office named in lower case, whole even where it shares the question's words", () => {
    expect(
      span(
        "Nộp hồ sơ đăng ký thường trú ở đâu?",
        "Người đăng ký thường trú nộp hồ sơ đăng ký thường trú đến cơ quan đăng ký cư trú nơi mình dự kiến thường trú.",
      ),
    ).toBe("cơ quan đăng ký cư trú");
  });

  it("ends a name before the date said of it", () => {
    expect(
      span(
        "Đồng hồ được trưng bày ở đâu?",
        "Đồng hồ được trưng bày tại Triển lãm London năm 1862 và giành huy chương.",
      ),
    ).toBe("Triển lãm London");
    expect(
      span(
        "Cơ quan nào tuyên bố việc đó là hợp hiến?",
        "Điều này vẫn hợp pháp sau phán quyết của Tòa án Tối cao Hoa Kỳ năm 1977, tuyên bố rằng nó hợp hiến.",
      ),
    ).toBe("Tòa án Tối cao Hoa Kỳ");
    // A number that is part of the name stays: "Super Bowl 50".
    expect(
      span("Trận nào diễn ra ở Santa Clara?", "Đêm qua, trận Super Bowl 50 diễn ra ở Santa Clara."),
    ).toBe("Super Bowl 50");
  });

  it("answers from the side of the sentence the question's preposition points to", () => {
    const sentence = "Từ ngày 15/4/2025 đến hết ngày 31/5/2025, thành phố tổ chức chiến dịch tiêm vắc xin.";
    expect(span("Chiến dịch kéo dài đến bao giờ?", sentence)).toBe("ngày 31/5/2025");
    expect(span("Chiến dịch bắt đầu từ khi nào?", sentence)).toBe("ngày 15/4/2025");
    expect(span("chien dich keo dai den bao gio", sentence)).toBe("ngày 31/5/2025");
    // "Bắt đầu", "kết thúc": the verb says which end, without the preposition.
    expect(span("Chiến dịch bắt đầu khi nào?", sentence)).toBe("ngày 15/4/2025");
    expect(span("chien dich ket thuc khi nao", sentence)).toBe("ngày 31/5/2025");
    expect(span("When does the campaign start?", sentence)).toBe("ngày 15/4/2025");
    expect(span("When did the campaign end?", sentence)).toBe("ngày 31/5/2025");
  });

  it("picks the figure, with its unit unless the question says it", () => {
    expect(
      span(
        "Đội thủ Panthers đã thua bao nhiêu điểm?",
        "Đội thủ của Panthers chỉ thua 308 điểm, đứng thứ sáu.",
      ),
    ).toBe("308");
    expect(span("Lào Cai tiết kiệm được bao nhiêu?", "Tỉnh tiết kiệm được 83,76 triệu đồng mỗi năm.")).toBe(
      "83,76 triệu đồng",
    );
    expect(
      span("Tỷ lệ hồ sơ trực tuyến đạt bao nhiêu?", "Tỷ lệ hồ sơ trực tuyến đạt 45,5% trong năm 2023."),
    ).toBe("45,5%");
  });

  it("answers 'số mấy' with an identifier, with its code, and 'chỉ số bao nhiêu' with a figure", () => {
    const decision =
      "Văn phòng Chính phủ công bố Quyết định số 932/QĐ-TTg, ngày 6/8/2023 của Thủ tướng về việc thành lập Tổ công tác.";
    expect(span("Quyết định thành lập Tổ công tác số mấy?", decision)).toBe("932/QĐ-TTg");
    expect(span("Tổ công tác lập theo quyết định số bao nhiêu?", decision)).toBe("932/QĐ-TTg");
    expect(
      span("Nghị định số mấy quy định việc này?", "Việc này theo Nghị định 107 và Nghị định 45/2020/NĐ-CP."),
    ).toBe("107");
    expect(span("Chỉ số SIPAS của tỉnh bao nhiêu?", "Chỉ số SIPAS của tỉnh số 1 đạt 82,18% năm 2022.")).toBe(
      "82,18%",
    );
    expect(span("Chỉ số SIPAS là số bao nhiêu?", "Chỉ số SIPAS của tỉnh đạt 82,18% năm 2022.")).toBe(
      "82,18%",
    );
  });

  it("shows a figure without half a word: a unit of two syllables is not cut to its first", () => {
    expect(span("Tỉnh đã công khai bao nhiêu?", "Tỉnh đã công khai 11.581 thủ tục hành chính.")).toBe(
      "11.581",
    );
    expect(span("Cổng có bao nhiêu?", "Cổng đã có hơn 3,6 triệu tài khoản đăng ký.")).toBe("3,6 triệu");
    expect(span("Có bao nhiêu người tham gia?", "Hội nghị có 500 người tham gia.")).toBe("500");
    expect(span("Hội nghị có bao nhiêu đại biểu?", "Hội nghị có 500 người dự.")).toBe("500 người");
    expect(span("Tỉnh đã tiết kiệm bao nhiêu?", "Tỉnh đã tiết kiệm 42 tỷ đồng.")).toBe("42 tỷ đồng");
  });

  it("reads the question's words beside 'bao nhiêu' with their diacritics: 'hồ sơ' is not glue", () => {
    const sentence =
      "Cổng đã có hơn 3,6 triệu tài khoản đăng ký; hơn 7,88 triệu lượt thực hiện các dịch vụ tiện ích; " +
      "hơn 9,75 triệu hồ sơ trực tuyến thực hiện từ Cổng.";
    expect(span("Cổng đã có bao nhiêu hồ sơ trực tuyến thực hiện từ Cổng?", sentence)).toBe("9,75 triệu");
  });

  it("does not take a year, a date or a bank for a quantity", () => {
    expect(span("Có bao nhiêu hồ sơ?", "Năm 2023, ngày 8/9 đã có 1.200 hồ sơ.")).toBe("1.200");
    expect(hasAnswerOfType("quantity", "Ngân sách năm 2023 được giao ngày 8/9.", "Bao nhiêu?")).toBe(false);
  });

  it("answers a level with the level, not with how far it is above another, unless asked", () => {
    const sentence =
      "Chỉ số SIPAS tỉnh Sơn La đạt 82,18%, cao hơn mức trung bình của cả nước 2,1%; đứng thứ 17/63.";
    expect(span("Người dân Sơn La hài lòng với cơ quan nhà nước ở mức bao nhiêu phần trăm?", sentence)).toBe(
      "82,18%",
    );
    expect(span("Chỉ số SIPAS của Sơn La cao hơn cả nước bao nhiêu?", sentence)).toBe("2,1%");
    // "Hơn" right before a figure is a bound; the value compared with is no difference.
    expect(span("Đã cấp bao nhiêu thẻ?", "Năm qua tăng mạnh, đã cấp hơn 79,5 triệu thẻ căn cước.")).toBe(
      "79,5 triệu",
    );
    expect(
      span(
        "Phải có bao nhiêu phần trăm trẻ được tiêm đủ thì cả cộng đồng mới được bảo vệ trước bệnh sởi?",
        "Chiến dịch được tổ chức vì tỷ lệ tiêm đủ 2 mũi vắc xin ở một số phường chỉ đạt khoảng 78%, thấp hơn " +
          "nhiều so với mức 95% cần thiết để tạo miễn dịch cộng đồng.",
      ),
    ).toBe("95%");
  });

  it("reads a qualifier after a list's last figure as said of them all, and tells the figures by what precedes them", () => {
    const tasks =
      "Các bộ, cơ quan ngang bộ đã đề ra 845 nhiệm vụ, UBND các tỉnh, thành phố 3.003 nhiệm vụ về cải cách hành chính.";
    expect(span("Các bộ, cơ quan ngang bộ đã đề ra bao nhiêu nhiệm vụ cải cách hành chính?", tasks)).toBe(
      "845",
    );
    expect(span("UBND các tỉnh, thành phố đã đề ra bao nhiêu nhiệm vụ cải cách hành chính?", tasks)).toBe(
      "3.003",
    );
    const leave =
      "Lao động nữ được nghỉ thai sản trước và sau khi sinh con là 06 tháng; thời gian nghỉ trước khi sinh không quá 02 tháng.";
    expect(span("Trước khi sinh được nghỉ tối đa mấy tháng?", leave)).toBe("02");
    // The words before "và" are the figure before's: "toàn trình" is said of 1.277, not of 520.
    const services = "Tỉnh cung cấp 1.277 DVC trực tuyến toàn trình và 520 DVC trực tuyến một phần.";
    expect(span("Tỉnh cung cấp bao nhiêu DVC trực tuyến toàn trình?", services)).toBe("1.277");
    // Each figure with a qualifier of its own keeps it.
    const procedures = "Lào Cai có 1.473 TTHC cấp tỉnh, 294 TTHC cấp huyện.";
    expect(span("Lào Cai có bao nhiêu thủ tục hành chính cấp huyện?", procedures)).toBe("294");
  });

  it("reads the parts of a total as counting what it counts, told apart by their labels", () => {
    const staff =
      "Trong năm đã tinh giản 7.151 biên chế, trong đó Trung ương là 146 người, địa phương là 7.005 người.";
    expect(span("Các địa phương đã cắt bớt bao nhiêu suất biên chế?", staff)).toBe("7.005 người");
    expect(span("Trung ương tinh giản bao nhiêu biên chế?", staff)).toBe("146 người");
    // Without a part's label the total answers, whichever word the question counts with.
    expect(span("Trong năm đã tinh giản bao nhiêu biên chế?", staff)).toBe("7.151");
    expect(span("Cả nước tinh giản bao nhiêu người?", staff)).toBe("7.151");
  });

  it("counts after 'xác định', 'từ', and takes a document's number for no count", () => {
    const sentence =
      "Tỉnh đã ban hành kế hoạch CCHC năm 2024; xác định 52 nhiệm vụ trong 7 lĩnh vực và phân công thực hiện.";
    expect(span("Năm 2024 Gia Lai đặt ra bao nhiêu nhiệm vụ cải cách hành chính?", sentence)).toBe("52");
    expect(span("Ngành đóng góp bao nhiêu phần trăm?", "Ngành đóng góp từ 6-9% tổng sản phẩm.")).toBe("6-9%");
    expect(
      hasAnswerOfType(
        "quantity",
        "Thực hiện theo Nghị định 107 và Thông tư 01 của Bộ.",
        "Có bao nhiêu hồ sơ?",
      ),
    ).toBe(false);
  });

  it("reads 'ba', 'năm' as a count before the noun the question counts, not a figure the question gives", () => {
    const sentence = "Đội tấn công đã bị giữ ngoài khu vực cấm địa trong ba lượt chơi.";
    expect(span("Đội tấn công bị giữ ngoài khu vực cấm địa bao nhiêu lượt?", sentence)).toBe("ba");
    expect(span("Có bao nhiêu hoàng tử tham gia?", "Năm hoàng tử đối thủ đã tham gia ám sát ông.")).toBe(
      "Năm",
    );
    // Before another noun "ba", "năm" stay a title and a year.
    expect(
      hasAnswerOfType("quantity", "Bà Năm đã gặp ba chồng tôi vào năm ngoái.", "Có bao nhiêu người?"),
    ).toBe(false);
    // "Ba lớp" restates the question's "3 lớp": the answer is the other figure.
    expect(
      span(
        "Ban đầu có 3 lớp nhưng phát triển thành bao nhiêu lớp?",
        "Ban đầu có ba lớp, sau đó phát triển thành bảy lớp.",
      ),
    ).toBe("bảy");
    // Before a multiplier "năm" is a figure; the "năm" of the question's "từ năm 2019" is no figure it gives.
    expect(
      span("Dân số vượt quá bao nhiêu?", "Tỉnh có hai thành phố có dân số vượt quá năm triệu người."),
    ).toBe("năm triệu người");
    expect(
      span(
        "Đề án triển khai bao nhiêu giai đoạn từ năm 2019 đến 2025?",
        "Đề án được triển khai trong năm giai đoạn từ 2019 đến 2025; hai giai đoạn đầu đã xong.",
      ),
    ).toBe("năm");
  });

  it("answers an English 'where did … rank' with the rank", () => {
    expect(
      span(
        "Where did Son La's SIPAS index rank among the northern midland provinces?",
        "SIPAS tỉnh Sơn La đạt 82,18%; đứng thứ 17/63 tỉnh, thành phố; đứng thứ 5/14 tỉnh Trung du và miền núi phía Bắc.",
      ),
    ).toMatch(/^thứ (17\/63|5\/14)$/);
  });

  it("reads an English question's Vietnamese terms where the sentence writes them", () => {
    // "age" is "tuổi", "male workers" "lao động nam": the figure beside them, not the one beside the year.
    const q = analyzeQuestion("At what age will male workers retire from 2028?");
    const sentence =
      "Tuổi nghỉ hưu được điều chỉnh cho đến khi đủ 62 tuổi đối với lao động nam vào năm 2028 và đủ 60 tuổi đối với lao động nữ vào năm 2035.";
    expect(findAnswerSpan(q.type, sentence, q.span)?.text).toBe("62");
  });

  it("picks the date, the day when a day is asked", () => {
    expect(span("Phiên họp diễn ra vào ngày nào?", "Chiều 2-2 năm 2023, Thủ tướng chủ trì phiên họp.")).toBe(
      "2-2",
    );
    expect(span("Super Bowl 50 diễn ra năm nào?", "Super Bowl 50 là trận đấu diễn ra vào năm 2016.")).toBe(
      "năm 2016",
    );
  });

  it("answers 'lúc nào' from the words beside the question's where the sentence gives no date", () => {
    expect(
      span(
        "Muỗi vằn thường đốt người vào lúc nào?",
        "Muỗi vằn thường đốt người vào ban ngày, nhiều nhất là lúc sáng sớm.",
      ),
    ).toBe("ban ngày");
    // Such a sentence holds an answer to "khi nào?" as a date would, for the ranking.
    expect(hasAnswerOfType("time", "Muỗi vằn thường đốt người vào ban ngày.", "Muỗi đốt khi nào?")).toBe(
      true,
    );
    expect(
      hasAnswerOfType("time", "Trung tâm làm việc cả sáng thứ Bảy.", "Trung tâm làm việc khi nào?"),
    ).toBe(true);
    expect(hasAnswerOfType("time", "Muỗi vằn đẻ trứng ở nơi chứa nước sạch.", "Muỗi đốt khi nào?")).toBe(
      false,
    );
  });

  it("reads a year before a comma, a range of years, a decade and 'N năm trước'", () => {
    expect(
      span("Dịch vụ được ra mắt khi nào?", "Khi dịch vụ được ra mắt vào 1998, nó dùng vệ tinh mới."),
    ).toBe("1998");
    expect(span("Ông trị vì khi nào?", "Ông chỉ trị vì hai năm, từ 1321 đến 1323.")).toBe("1321 đến 1323");
    expect(
      span("Phong trào diễn ra khi nào?", "Phong trào diễn ra vào cuối những năm 1980 ở nhiều trường."),
    ).toBe("cuối những năm 1980");
    expect(
      span("Châu Âu bắt đầu ấm lên khi nào?", "Châu Âu bắt đầu ấm lên từ 22.000 năm trước đến nay."),
    ).toBe("22.000 năm trước");
  });

  it("picks a name the question does not already say, not a title", () => {
    expect(
      span("Ai dẫn đầu đội về số lần vật ngã?", "Kawann Short dẫn đầu đội về số lần vật ngã với 11 lần."),
    ).toBe("Kawann Short");
    expect(hasAnswerOfType("person", "Thủ tướng Chính phủ chủ trì phiên họp về TTHC.", "Ai chủ trì?")).toBe(
      false,
    );
  });

  it.each([
    // A name in sentence case takes its word's lower-case second syllable.
    ["Chế độ nào cai trị Sudan?", "Sudan bị cai trị nhiều năm bởi một chế độ Hồi giáo quân sự.", "Hồi giáo"],
    // An initial's period goes on with the name.
    ["Ai sáng lập công ty?", "Công ty được James O. McKinsey sáng lập năm 1926.", "James O. McKinsey"],
    // The country Vietnamese prose names right before a foreign name is left out…
    [
      "Người giàu thứ ba ở Mỹ là ai?",
      "Người giàu thứ ba ở Mỹ Larry Ellison là một cựu sinh viên.",
      "Larry Ellison",
    ],
    ["Ai đã gặp Thủ tướng?", "Thủ tướng đã gặp Ngoại trưởng Hàn Quốc Park Jin tại Hà Nội.", "Park Jin"],
    // … but a single foreign word after it is part of the name.
    ["Ai đã gặp Thủ tướng?", "Thủ tướng đã gặp Thái tử Ả Rập Saudi tại Hà Nội.", "Ả Rập Saudi"],
    // A lower-case particle joined to a capital ("al-Turabi") goes on with the name.
    [
      "Ai đứng đầu phái đoàn?",
      "Phái đoàn dưới sự dẫn dắt của ông Hassan al-Turabi đã tới Hà Nội.",
      "Hassan al-Turabi",
    ],
    // A name in sentence case goes on with the lower-case syllable of its word ("Lao động")…
    [
      "Đảng nào thắng cử ở bang Victoria?",
      "Trong cuộc bầu cử năm 2022, Đảng Lao động thắng cử ở bang Victoria.",
      "Đảng Lao động",
    ],
    // … unless that syllable opens a word with the next ("Kinh Thánh | phổ biến").
    [
      "Tác phẩm nào của Luther được đọc nhiều nhất ở Đức?",
      "Ở Đức, bản dịch Kinh Thánh phổ biến của Luther được đọc nhiều nhất.",
      "Kinh Thánh",
    ],
    // A clause's opening word parts two names ("Kokochu rằng Bầu trời Xanh").
    [
      "Lời tuyên bố của pháp sư nào đã giúp Thiết Mộc Chân lên ngôi?",
      "Thiết Mộc Chân lên ngôi nhờ lời tuyên bố của pháp sư Kokochu rằng Bầu trời Xanh đã chọn ông.",
      "Kokochu",
    ],
  ])("reads a name's extent: %s → %s gives %s", (question, sentence, expected) => {
    expect(span(question, sentence)).toBe(expected);
  });

  it("answers with the name the sentence equates with what the question says, before its question word's slot", () => {
    // The slot between "lớn nhất" and "không có" holds "Hoa Kỳ"; "là" equates Fresno with the description.
    expect(
      span(
        "Thành phố lớn nhất nào không có sân bay quốc tế?",
        "Fresno là thành phố lớn nhất Hoa Kỳ không có sân bay quốc tế.",
      ),
    ).toBe("Fresno");
    expect(
      span("Tỉnh nào dẫn đầu về chỉ số SIPAS?", "Sơn La là tỉnh Tây Bắc dẫn đầu về chỉ số SIPAS năm 2023."),
    ).toBe("Sơn La");
    // "Trở thành" equates too, and a bracket inside the description is read through.
    expect(
      span(
        "Ai là chủ tịch đầu tiên của hiệp hội doanh nghiệp trẻ?",
        "Lê Văn Hùng trở thành chủ tịch (nhiệm kỳ 2020–2025) đầu tiên của hiệp hội doanh nghiệp trẻ Đào Duy Từ.",
      ),
    ).toBe("Lê Văn Hùng");
    // A description holding fewer than three of the question's words equates nothing.
    expect(
      span(
        "Sân bay nào bận rộn nhất?",
        "Nam California là nơi có sân bay Los Angeles, sân bay bận rộn nhất LAX.",
      ),
    ).not.toBe("Nam California");
    // A sentence's first word alone is a name when it is foreign, not when it is Vietnamese or an abbreviation.
    expect(
      span(
        "Vị hoàng đế nào đã mời người Huguenot đến Phổ?",
        "Frederick đã mời người Huguenot đến Phổ sau Sắc lệnh Potsdam.",
      ),
    ).toBe("Frederick");
    expect(span("Cơ quan nào chủ trì?", "UBND chủ trì, phối hợp với Sở Nội vụ.")).toMatch(/^Sở Nội/);
  });

  it("picks a place after a word that introduces one", () => {
    expect(span("Trận đấu được tổ chức ở đâu?", "Trận đấu được tổ chức tại Santa Clara, California.")).toBe(
      "Santa Clara",
    );
  });

  it("picks a place the question's words frame, beside the places after 'trong', 'tại'", () => {
    expect(
      span(
        "Nhà Trần cai trị ở đâu?",
        "Nhà Trần cai trị Đại Việt và đánh bại quân Nguyên trong Trận Bạch Đằng.",
      ),
    ).toBe("Đại Việt");
  });

  it("picks the cause for a why-question", () => {
    expect(
      span("Vì sao hồ sơ bị trả lại?", "Hồ sơ bị trả lại vì thiếu giấy tờ chứng thực, theo quy định."),
    ).toBe("thiếu giấy tờ chứng thực");
  });

  it("for other questions, picks the words beside what the question says", () => {
    expect(span("Thủ đô của Pháp là gì?", "Thủ đô của Pháp là Paris.")).toBe("Paris");
    // Cut by its length inside a word, the answer goes on to the word's end ("phần mềm", not "phần").
    expect(
      span(
        "Trung tâm hành chính công dựa vào điều gì?",
        "Trung tâm hành chính công dựa vào hệ thống một cửa của tỉnh và phần mềm quản lý hồ sơ.",
      ),
    ).toBe("hệ thống một cửa của tỉnh và phần mềm");
    // The slot's answer ends before a word opening a clause of its own.
    expect(
      span(
        "Bộ phận một cửa ngày càng dựa vào điều gì?",
        "Bộ phận một cửa ngày càng dựa vào phần mềm điện tử để rút ngắn thời gian xử lý hồ sơ.",
      ),
    ).toBe("phần mềm điện tử");
  });

  it("reads the answer off the slot the question word leaves: after the words before it, before the words after it", () => {
    expect(
      span(
        "Người Tây Ban Nha đổi tên pháo đài thành gì?",
        "Sau trận chiến, nhà vua ra lệnh, người Tây Ban Nha đổi tên pháo đài thành San Mateo.",
      ),
    ).toBe("San Mateo");
    expect(
      span(
        "Ai dẫn đầu Panthers về số lần vật ngã?",
        "Jared Allen tham gia Pro Bowl 5 lần, còn Kawann Short dẫn đầu đội về số lần vật ngã với 11 lần.",
      ),
    ).toBe("Kawann Short");
  });

  it("reads the words the question writes next to its question word where the sentence writes them", () => {
    expect(
      span(
        "Hiến pháp của bang dựa trên gì?",
        "Bang có hiến pháp thành văn ban hành năm 1975, nhưng dựa trên hiến pháp thuộc địa 1855, được Quốc hội thông qua.",
      ),
    ).toBe("hiến pháp thuộc địa 1855");
    expect(
      span("Đơn vị hành chính cơ sở ở Ba Lan là gì?", "Đơn vị hành chính cơ sở ở Ba Lan là một xã (gmina)."),
    ).toBe("xã");
    expect(
      span(
        "Hẻm núi được hình thành như thế nào?",
        "Giữa hai thị trấn, sông chảy qua Hẻm núi Lớn, được hình thành do sự xói mòn.",
      ),
    ).toBe("sự xói mòn");
  });

  it("reads question and glue words with their diacritics: 'thủ' is not 'thứ', 'vận' not 'vẫn'", () => {
    expect(
      span(
        "Điều gì có tác động tiêu cực tới nền kinh tế?",
        "Lệnh cấm vận có tác động tiêu cực lên nền kinh tế trong nhiều năm.",
      ),
    ).toBe("Lệnh cấm vận");
    expect(
      span("Một dự án phải tuân thủ điều gì?", "Dự án phải tuân thủ các quy chuẩn xây dựng của tỉnh."),
    ).toBe("quy chuẩn xây dựng của tỉnh");
  });

  it("lets a word the question does not say stand between two of its words in the sentence", () => {
    expect(
      span(
        "Kỹ thuật viên phụ thuộc nhiều vào điều gì?",
        "Các kỹ thuật viên hiện đang phụ thuộc nhiều hơn vào tự động hóa, theo báo cáo.",
      ),
    ).toBe("tự động hóa");
  });

  it("answers 'Họ của … là gì?' (a surname) with a name", () => {
    expect(
      span(
        "Họ của cầu thủ ghi bàn thắng quyết định là gì?",
        "Trận đấu tại sân Wembley kết thúc khi Anderson ghi bàn thắng quyết định ở phút cuối.",
      ),
    ).toBe("Anderson");
  });

  it("answers 'S là gì?' with the name the sentence sets before S", () => {
    expect(
      span(
        "Quán cà phê văn học đầu tiên của thành phố là gì?",
        "Khu phố cũng có nhà hát Lớn và Momus, quán cà phê văn học đầu tiên của thành phố, mở năm 1890.",
      ),
    ).toBe("Momus");
  });

  it("does not join two names across 'là'; joins them across 'và' when several are asked for", () => {
    expect(
      span(
        "Tên tập phim đầu tiên của Simpson là gì?",
        "Tập phim đầu tiên của Simpson là Planet of Giants, phát năm 1964.",
      ),
    ).toBe("Planet of Giants");
    const sentence = "Quân đội phá hủy mọi thành phố lớn ngoại trừ Novgorod và Pskov.";
    expect(span("Những thành phố lớn nào không bị phá hủy?", sentence)).toBe("Novgorod và Pskov");
    expect(span("Thành phố lớn nào không bị phá hủy?", sentence)).toBe("Novgorod");
  });

  it("ends a 'N nào' name after the lower-case syllable that completes its last word", () => {
    expect(
      span("Đảng nào mạnh nhất ở vùng nông thôn?", "Đảng Quốc gia mạnh nhất ở vùng nông thôn phía Tây Bắc."),
    ).toBe("Đảng Quốc gia");
    expect(
      span(
        "Tòa án nào cho rằng hiệp ước không ngăn được việc quốc hữu hóa?",
        "Ngược lại, Tòa án Công lý cho rằng hiệp ước không ngăn được việc quốc hữu hóa.",
      ),
    ).toBe("Tòa án Công lý");
  });

  it("keeps a name written in sentence case whole", () => {
    expect(
      span(
        "Hẻm núi nào nằm giữa Bingen và Bon?",
        "Giữa Bingen và Bon, Trung Lưu sông Rhine chảy qua Hẻm núi sông Rhine, được hình thành do xói mòn.",
      ),
    ).toBe("Hẻm núi sông Rhine");
    expect(
      span("Cơn bão nào vào Jacksonville năm 2012?", "Năm 2012, Cơn bão Nhiệt đới Beryl vào Jacksonville."),
    ).toBe("Cơn bão Nhiệt đới Beryl");
  });

  it("answers 'N nào' with the span named by N, a document's number included", () => {
    expect(
      span(
        "Quyết định nào thành lập Tổ công tác?",
        "Tại Phiên họp, đại diện Văn phòng Chính phủ công bố Quyết định số 932/QĐ-TTg về việc thành lập Tổ công tác.",
      ),
    ).toBe("Quyết định số 932/QĐ-TTg");
  });

  it("answers 'N nào' with N where the sentence writes it as part of the name, not where it only says what the name is of", () => {
    expect(
      span(
        "Sân bay nào đón nhiều khách nhất miền Trung?",
        "Năm 2024, Sân bay quốc tế Đà Nẵng đón nhiều khách nhất miền Trung.",
      ),
    ).toBe("Sân bay quốc tế Đà Nẵng");
    expect(
      span("Vệ tinh nào được phóng năm 2019?", "Năm 2019, vệ tinh MicroDragon được phóng lên quỹ đạo."),
    ).toBe("MicroDragon");
  });

  it("answers a name question from the words that name S in the sentence ('được gọi là', 'có tên')", () => {
    expect(
      span(
        "Tên của bộ phận một cửa cấp tỉnh là gì?",
        "Ở Hà Tĩnh, bộ phận một cửa cấp tỉnh được gọi là Trung tâm Phục vụ hành chính công, đặt tại thành phố.",
      ),
    ).toBe("Trung tâm Phục vụ hành chính công");
    expect(
      span(
        "Ứng dụng định danh điện tử được đặt tên là gì?",
        "Ứng dụng định danh điện tử của Bộ Công an có tên VNeID và được cài trên điện thoại.",
      ),
    ).toBe("VNeID");
  });

  it("names an office whole, through the lower-case words of its name, but not into the question's words", () => {
    expect(
      span(
        "Cơ quan nào tiếp nhận hồ sơ?",
        "Hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công, sau đó chuyển về các sở.",
      ),
    ).toBe("Trung tâm Phục vụ hành chính công");
    expect(
      span(
        "Cơ quan nào có quyền ban hành quy chế?",
        "Trong khi Ủy ban có quyền ban hành quy chế, Hội đồng Nhân dân giám sát việc thực hiện.",
      ),
    ).not.toContain("quyền");
  });

  it("answers 'Ai cấp X?' from 'X do A cấp', a long office name included, and not from a 'do' meaning 'because'", () => {
    expect(
      span(
        "Ai cấp thẻ căn cước?",
        "Thẻ căn cước do Cục Cảnh sát quản lý hành chính về trật tự xã hội cấp cho công dân.",
      ),
    ).toBe("Cục Cảnh sát quản lý hành chính về trật tự xã hội");
    expect(
      span("Cơ quan nào cấp giấy phép?", "Giấy phép chậm do hồ sơ thiếu, Sở Xây dựng cấp lại trong tuần."),
    ).not.toBe("hồ sơ thiếu");
  });

  it("answers 'hình thức nào', 'loại nào' with the kind the sentence names after that noun, not with a name", () => {
    expect(
      span(
        "Hồ sơ được nộp theo hình thức nào?",
        "Tại Lào Cai, người dân nộp hồ sơ theo hình thức trực tuyến hoặc tại Bộ phận một cửa.",
      ),
    ).toBe("trực tuyến");
    // "Đảng" is no "dạng" (a form): the question asks for a name.
    expect(span("Đảng nào thắng ở Geelong?", "Tại Geelong, Đảng Cộng hòa thắng với đa số phiếu.")).toBe(
      "Đảng Cộng hòa",
    );
  });

  it("does not answer with a sentence's opener or a lone common word", () => {
    expect(
      span(
        "Viêm xảy ra trong khi ngủ vì phân tử gì?",
        "Thứ hai, viêm có thể xảy ra trong khi ngủ do melatonin.",
      ),
    ).toBe("melatonin");
  });

  it("keeps a figure's range whole and takes no joining word for its unit", () => {
    expect(
      span(
        "Ông bao nhiêu tuổi khi giành chiến thắng?",
        "Ông giành chiến thắng ở tuổi 38 và sau đó giải nghệ.",
      ),
    ).toBe("38");
    expect(span("Tỷ số chung cuộc là bao nhiêu?", "Đội chủ nhà thắng 23-16 sau hiệp phụ.")).toBe("23-16");
    expect(span("Có bao nhiêu người thiệt mạng?", "Thành phố mất 30 đến 50 nghìn dân vào năm 1620.")).toBe(
      "30 đến 50 nghìn dân",
    );
    expect(
      span("Hiệu suất đạt bao nhiêu phần trăm?", "Hiệu suất đạt khoảng 27-30% ở động cơ áp suất cao."),
    ).toBe("27-30%");
  });

  it("ends a figure at punctuation, and takes no 'tỷ lệ' (a rate) for a figure", () => {
    expect(
      span(
        "Tỉnh đã đơn giản hóa bao nhiêu thủ tục nội bộ?",
        "Tỉnh đã phê duyệt phương án với 39/51 TTHC nội bộ, đạt 76,5%; tỷ lệ đơn giản hoá đạt trên 30%.",
      ),
    ).toBe("39/51");
    expect(
      span("Dịch vụ mới mang theo bao nhiêu kênh?", "Dịch vụ mới có thể mang theo hàng trăm kênh."),
    ).toBe("hàng trăm");
  });

  it("prefers the figure in the clause that says what is asked", () => {
    expect(
      span(
        "Tỷ lệ hồ sơ thanh toán trực tuyến đạt bao nhiêu?",
        "Tỉnh cung cấp 520 dịch vụ, đạt 90,34%; tỷ lệ hồ sơ nộp đạt trên 50%; tỷ lệ hồ sơ thanh toán trực tuyến đạt trên 60%.",
      ),
    ).toBe("60%");
  });

  it("reads the figure after 'tỷ số', 'điểm số' as a figure, not a document's number", () => {
    expect(
      span(
        "Tỷ số cuối cùng của trận chung kết là bao nhiêu?",
        "Đội chủ nhà thắng trận chung kết với tỷ số 23-16, sau 11 điểm ở hiệp cuối.",
      ),
    ).toBe("23-16");
  });

  it("answers 'bao nhiêu phần trăm' with a percentage", () => {
    expect(
      span(
        "Các tỉnh đã hoàn thành bao nhiêu phần trăm kế hoạch?",
        "Các tỉnh hoàn thành 1.384 nhiệm vụ, đạt 46,09% so với kế hoạch đề ra.",
      ),
    ).toBe("46,09%");
  });

  it("reads a 'bao nhiêu' question's slot like a 'gì' question's", () => {
    expect(span("Quy mô hộ trung bình là bao nhiêu?", "Có 111.529 hộ; quy mô hộ trung bình là 3,62.")).toBe(
      "3,62",
    );
  });

  it("answers 'ai' and 'ở đâu' with the words beside the question's when the sentence names nobody", () => {
    expect(
      span("Ai đã đến Wittenberg nghe giảng?", "Các sinh viên đã tụ tập đến Wittenberg để nghe giảng."),
    ).toBe("sinh viên");
    // A figure's phrase names no one and no place.
    expect(
      span(
        "Sau năm 1935, ai bị cấm xâm nhập Rhineland?",
        "Rhineland bị chiếm đóng cho đến năm 935 và sau đó, với việc quân đội Đức bị cấm xâm nhập.",
      ),
    ).toBe("việc quân đội Đức");
    expect(
      span("Làm thẻ ở đâu?", "Có 12.597 cơ sở triển khai; 91,2 triệu thông tin được làm sạch."),
    ).not.toMatch(/\d/);
    // Nor does a function word opening the sentence begin a name ("Trong thời hạn 03", "Các ủy ban Dự").
    expect(
      span("Nộp hồ sơ ở đâu?", "Trong thời hạn 03 ngày làm việc, cơ quan đăng ký cư trú phải trả lời."),
    ).not.toMatch(/^Trong/);
    expect(
      span(
        "Loại ủy ban nào đã cân nhắc tính pháp lý của mạng lưới xe điện?",
        "Các ủy ban Dự luật tư nhân đã cân nhắc tính pháp lý của mạng lưới xe điện.",
      ),
    ).toBe("Dự luật");
  });

  it("answers 'bao lâu' with a length of time, not the sentence's other figures", () => {
    expect(
      span("Người bệnh sốt bao lâu?", "Người bệnh thường sốt cao 39 độ, liên tục từ 2 đến 7 ngày."),
    ).toBe("từ 2 đến 7 ngày");
    expect(span("Cuộc chiến kéo dài bao lâu?", "Hai bên giao tranh, cuộc chiến kéo dài sáu năm.")).toBe(
      "sáu năm",
    );
    expect(span("Bầu cử diễn ra bao lâu một lần?", "Bầu cử 1 vòng diễn ra sau mỗi 5 năm.")).toBe("5 năm");
    // A sentence giving no length of time still answers with its figure.
    expect(span("Dự án kéo dài bao lâu?", "Dự án có 45 người tham gia.")).toBe("45 người");
  });

  it("answers 'bao nhiêu tiền' with a sum of money, not the sentence's other figures", () => {
    expect(
      span(
        "Làm hộ chiếu hết bao nhiêu tiền?",
        "Hồ sơ giải quyết trong 8 ngày, lệ phí là 200.000 đồng mỗi lần cấp.",
      ),
    ).toBe("200.000 đồng");
    expect(span("How much does a passport cost?", "Within 8 days; the fee is 30 dollars.")).toBe(
      "30 dollars",
    );
    // "Giá trị" (valid for) asks for no price.
    expect(
      span("Hộ chiếu có giá trị bao nhiêu năm?", "Lệ phí 200.000 đồng, hộ chiếu có thời hạn 10 năm."),
    ).toBe("10 năm");
    // "Số tiền" asks for a sum however far from "bao nhiêu", and a sum may have two multipliers.
    expect(
      span(
        "Tổng số tiền thanh toán trực tuyến trên cổng năm nay là bao nhiêu?",
        "Cổng đã có hơn 6,8 triệu giao dịch thanh toán trực tuyến với số tiền hơn 2,39 nghìn tỷ đồng.",
      ),
    ).toBe("2,39 nghìn tỷ đồng");
    expect(
      span(
        "Người dân đã trả tiền qua cổng dịch vụ công tổng cộng bao nhiêu?",
        "Cổng có hơn 6,8 triệu giao dịch thanh toán trực tuyến với số tiền hơn 2,39 nghìn tỷ đồng.",
      ),
    ).toBe("2,39 nghìn tỷ đồng");
  });

  it("takes no syllable typed without diacritics for a figure's unit", () => {
    expect(
      span(
        "So many business regulations were cut, how many?",
        "Cac bo da cat giam 2.352 quy dinh kinh doanh trong giai doan nay.",
      ),
    ).toBe("2.352");
    expect(span("How long is the road?", "The new road is 12 km long.")).toBe("12 km");
  });

  it("answers a count of things ('bao nhiêu tài khoản') with a count, not a percentage; 'đạt bao nhiêu' with either", () => {
    const q = "Có bao nhiêu tài khoản định danh được kích hoạt?";
    expect(span(q, "Tỷ lệ kích hoạt đạt 98,5%, với 6 triệu tài khoản định danh được kích hoạt.")).toBe(
      "6 triệu",
    );
    expect(hasAnswerOfType("quantity", "Tỷ lệ kích hoạt tài khoản định danh đạt 105,62%.", q)).toBe(false);
    expect(
      span("Chỉ số SIPAS của tỉnh đạt bao nhiêu?", "Chỉ số SIPAS của tỉnh đạt 82,18%, tăng 2 bậc."),
    ).toBe("82,18%");
    expect(
      span(
        "Tốc độ phá rừng cao hơn bao nhiêu so với năm 2000?",
        "Tốc độ phá rừng cao hơn 18% so với năm 2000.",
      ),
    ).toBe("18%");
    // The figure before the counted noun, or its abbreviation, whatever stands beside the others.
    expect(
      span(
        "Lào Cai có bao nhiêu thủ tục hành chính được cắt giảm?",
        "Tỉnh đã cắt giảm thời gian đối với 977 TTHC, đã có khoảng 60.000 lượt hồ sơ thực hiện.",
      ),
    ).toBe("977");
    // Of figures all before the counted noun, the one whose qualifier the question gives.
    const levels = "Lào Cai có 1.473 TTHC cấp tỉnh, 294 TTHC cấp huyện, 132 TTHC cấp xã.";
    expect(span("Lào Cai có bao nhiêu thủ tục hành chính cấp huyện?", levels)).toBe("294");
    expect(span("lao cai co bao nhieu thu tuc hanh chinh cap xa", levels)).toBe("132");
    // The question's abbreviation is its words: "bao nhiêu DVC theo QĐ 422" is "dịch vụ công theo Quyết định".
    expect(
      span(
        "Đã tích hợp được bao nhiêu DVC theo QĐ 422?",
        "Đã tích hợp 25/25 dịch vụ công thiết yếu theo Đề án 06 và 10/28 dịch vụ công theo Quyết định số 422.",
      ),
    ).toBe("10/28");
  });

  it("parts two names at a comma typed without its space", () => {
    expect(
      span(
        "Phiên họp diễn ra ở đâu?",
        "Chiều 14/11, tại Trụ sở Chính phủ,Thủ tướng Chính phủ chủ trì phiên họp.",
      ),
    ).toBe("Trụ sở Chính phủ");
  });

  it("answers what was said with the clause after a verb of saying, whichever the sentence uses", () => {
    const sentence =
      "Người đứng đầu Chính phủ nhấn mạnh, đầu tư cho CCHC là đầu tư cho phát triển, do đó các bộ tiếp tục cải cách.";
    expect(span("Thủ tướng nói gì về đầu tư cho CCHC?", sentence)).toBe(
      "đầu tư cho CCHC là đầu tư cho phát triển",
    );
    expect(span("Người đứng đầu Chính phủ nhấn mạnh gì?", sentence)).toBe(
      "đầu tư cho CCHC là đầu tư cho phát triển",
    );
  });

  it("takes no share ('10/28') nor a document's number ('số 422') for a date", () => {
    expect(
      span(
        "Khi nào hoàn thành tích hợp dịch vụ công?",
        "Hoàn thành tích hợp 10/28 dịch vụ công theo Quyết định số 422 của Thủ tướng.",
      ),
    ).toBeUndefined();
    expect(span("Khi nào hoàn thành?", "Đến 10/12 đã hoàn thành 10/28 dịch vụ.")).toBe("10/12");
  });

  it("ranks a figure by the question's words as the question writes them ('so' of 'so với' is not 'sơ' of 'hồ sơ')", () => {
    const sentence =
      "Trong 10 tháng năm 2023, tỷ lệ hồ sơ được cấp kết quả điện tử của các bộ, ngành đạt 26,93%, tăng 16,15% so với cùng kỳ năm 2022, các địa phương đạt 40,91%, tăng 27,77%.";
    expect(span("ty le ho so cua dia phuong 10 thang 2023 la bao nhieu", sentence)).toBe("40,91%");
    expect(span("Tỷ lệ hồ sơ của địa phương 10 tháng 2023 là bao nhiêu?", sentence)).toBe("40,91%");
  });

  it("ends a figure's range at punctuation and after a percentage", () => {
    expect(
      span(
        "What percentage of services are fully online?",
        "Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 100%; đến 10/10/2023 đã cấp trên 83,76 triệu thẻ.",
      ),
    ).toBe("100%");
  });

  it("takes a Vietnamese syllable without diacritics for a piece of a title, not a foreign surname", () => {
    expect(
      span(
        "Who is the Minister of Home Affairs?",
        "Ủy viên Ban Chấp hành Trung ương Đảng, Bộ trưởng Bộ Nội vụ Phạm Thị Thanh Trà nêu báo cáo.",
      ),
    ).toBe("Phạm Thị Thanh Trà");
    expect(span("Ai ghi bàn?", "Sau đó, Manning chuyền cho Anderson ghi bàn.")).toBe("Anderson");
  });

  it("answers 'mỗi tháng … mấy giờ' with the figure counted per month", () => {
    expect(
      span(
        "Mỗi tháng được làm thêm tối đa mấy giờ?",
        "Số giờ làm thêm không quá 12 giờ trong 01 ngày; không quá 40 giờ trong 01 tháng; không quá 200 giờ trong 01 năm.",
      ),
    ).toBe("40");
  });

  it("answers 'từ khi nào' with the date after 'từ', not the sentence's other date", () => {
    expect(
      span(
        "Luật có hiệu lực từ khi nào?",
        "Luật được Quốc hội thông qua ngày 19 tháng 6 năm 2014, có hiệu lực thi hành từ ngày 01 tháng 01 năm 2015.",
      ),
    ).toBe("ngày 01 tháng 01 năm 2015");
  });

  it("answers 'giai đoạn nào' with a period, not with the date the question gives", () => {
    expect(
      span(
        "Phiên họp sáng 19/7/2023 đánh giá cải cách hành chính giai đoạn nào?",
        "Sáng 19/7, Thủ tướng chủ trì phiên họp đánh giá cải cách hành chính 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm.",
      ),
    ).toBe("6 tháng đầu năm");
  });

  it("takes no document for a place", () => {
    expect(
      span("Cấp thẻ căn cước ở đâu?", "Đề án 06/CP được triển khai, đã cấp hơn 79,5 triệu thẻ căn cước."),
    ).not.toBe("Đề án 06/CP");
    expect(
      span("Cấp thẻ căn cước ở đâu?", "Đề án 06/CP đã cấp thẻ căn cước tại Trung tâm Hành chính Công."),
    ).toBe("Trung tâm Hành chính Công");
  });

  it("keeps a hyphenated word whole", () => {
    expect(
      span("Vị thầy ở Tây Tạng được gọi là gì?", "Ở Tây Tạng, các vị thầy thường được gọi là Lạt-ma."),
    ).toBe("Lạt-ma");
  });

  it("finds nothing of the asked kind where there is none", () => {
    expect(span("Có bao nhiêu hồ sơ?", "Hồ sơ được tiếp nhận trực tuyến.")).toBeUndefined();
    expect(span("Khi nào họp?", "Tổ công tác họp trực tuyến.")).toBeUndefined();
  });
});

describe("keywordFigure", () => {
  const sentence =
    "Lào Cai đã cắt giảm 977 TTHC, gồm 1.473 TTHC cấp tỉnh, 294 TTHC cấp huyện; tinh giản 7.151 biên chế.";

  it("takes the figure whose phrase, before and after it, holds most of the keywords", () => {
    expect(keywordFigure(sentence, "tthc cap huyen")?.text).toBe("294");
    expect(keywordFigure(sentence, "tinh gian bien che 2023")?.text).toBe("7.151");
    // A capital is a name's syllable ("La" of "Sơn La"), not the glue word "là".
    expect(keywordFigure("Chỉ số SIPAS tỉnh Sơn La đạt 82,18%, cao hơn cả nước.", "sipas son la")?.text).toBe(
      "82,18%",
    );
  });

  it("takes a figure two keywords describe, none that one describes, and no year", () => {
    expect(keywordFigure(sentence, "lao cai 2023")?.text).toBe("977");
    expect(keywordFigure(sentence, "huyen 2023")).toBeUndefined();
    expect(keywordFigure("Năm 2023 tỉnh họp 4 lần.", "nam 2023")).toBeUndefined();
  });
});
