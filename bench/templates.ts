import type { Rng } from "../support/prng.js";
import type { Province } from "./vocab.js";

/**
 * Sentence templates of the synthetic articles, grouped by topic. A template writes one sentence
 * from the article's context and may return a fact: a question the sentence answers and the exact
 * figure or name a correct answer quotes (written as the sentence writes it).
 */

export interface Fact {
  question: string;
  expected: string;
}

export interface Line {
  text: string;
  fact?: Fact;
}

export interface Ctx {
  rng: Rng;
  year: number;
  place: Province;
  /** "tỉnh Bình Phước" / "thành phố Hải Phòng" */
  where: string;
  /** "Tỉnh Bình Phước" */
  Where: string;
  /** A leader's title with the province: "Phó Chủ tịch UBND tỉnh Bình Phước". */
  leader: string;
  /** The article's chairperson (a full name), stable within one article. */
  chair: string;
  person(): string;
  /** Integer in [min, max] written the Vietnamese way ("1.234"). */
  int(min: number, max: number): string;
  /** Number in [min, max) with one or two decimals and a decimal comma ("35,03"). */
  dec(min: number, max: number): string;
  /** A day/month pair within the article's year. */
  dayMonth(): { d: number; m: number };
}

export type Template = (c: Ctx) => Line;

/** 1234567 → "1.234.567" */
export function vnInt(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return n < 0 ? `-${grouped}` : grouped;
}

/** 35.03 → "35,03"; trailing zeros dropped ("86,70" → "86,7"); thousands grouped. */
export function vnDec(x: number, digits: number): string {
  const fixed = x.toFixed(digits);
  const [whole, frac = ""] = fixed.split(".");
  const trimmed = frac.replace(/0+$/, "");
  const head = vnInt(Number(whole));
  return trimmed ? `${head},${trimmed}` : head;
}

/** Parses what vnInt / vnDec write. */
export function parseVn(text: string): number {
  return Number(text.replace(/\./g, "").replace(",", "."));
}

const q = (question: string, expected: string): Fact => ({ question, expected });

export const OPENERS: Template[] = [
  (c) => {
    const { d, m } = c.dayMonth();
    return {
      text: `Ngày ${d}/${m}, UBND ${c.where} tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm ${c.year}, triển khai nhiệm vụ 6 tháng cuối năm.`,
    };
  },
  (c) => {
    const { d, m } = c.dayMonth();
    const quarter = ["I", "II", "III", "IV"][Math.floor((m - 1) / 3)] as string;
    return {
      text: `Sáng ${d}/${m}, Ban Chỉ đạo cải cách hành chính ${c.where} họp phiên thường kỳ quý ${quarter}/${c.year} dưới sự chủ trì của đồng chí ${c.chair}, ${c.leader}.`,
      fact: q(
        `Ai chủ trì phiên họp Ban Chỉ đạo cải cách hành chính ${c.where} quý ${quarter}/${c.year}?`,
        c.chair,
      ),
    };
  },
  (c) => {
    const { d, m } = c.dayMonth();
    return {
      text: `Chiều ${d}-${m}, Sở Nội vụ ${c.where} tổ chức hội nghị tổng kết công tác cải cách hành chính năm ${c.year} và triển khai nhiệm vụ năm ${c.year + 1}.`,
    };
  },
  (c) => ({
    text: `Theo báo cáo của Sở Nội vụ ${c.where}, năm ${c.year}, công tác cải cách hành chính trên địa bàn tiếp tục được các cấp, các ngành quan tâm chỉ đạo quyết liệt, đạt nhiều kết quả tích cực.`,
  }),
  (c) => {
    const { d, m } = c.dayMonth();
    const tasks = c.int(28, 96);
    return {
      text: `Ngày ${d}/${m}/${c.year}, Chủ tịch UBND ${c.where} ký ban hành Kế hoạch cải cách hành chính năm ${c.year} với ${tasks} nhiệm vụ trọng tâm thuộc 6 lĩnh vực.`,
      fact: q(
        `Kế hoạch cải cách hành chính năm ${c.year} của ${c.where} có bao nhiêu nhiệm vụ trọng tâm?`,
        tasks,
      ),
    };
  },
];

export const ATTENDANCE: Template[] = [
  () => ({
    text: "Tham dự hội nghị có lãnh đạo các sở, ban, ngành, UBND các huyện, thị xã, thành phố và cán bộ, công chức làm công tác cải cách hành chính.",
  }),
  (c) => ({
    text: `Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến đến ${c.int(9, 15)} điểm cầu cấp huyện và ${c.int(80, 220)} điểm cầu cấp xã.`,
  }),
  (c) => ({
    text: `Cùng dự có đại diện ${c.rng.pick(["Ban Tổ chức Tỉnh ủy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội đồng nhân dân tỉnh", "Ban Pháp chế HĐND tỉnh"])} và lãnh đạo các cơ quan chuyên môn thuộc UBND tỉnh.`,
  }),
];

/** Topic paragraphs: each topic has a pool of sentences; an article draws two or three per topic. */
export const TOPICS: Record<string, Template[]> = {
  tthc: [
    (c) => {
      const n = c.int(45, 980);
      return {
        text: `Năm ${c.year}, ${c.where} đã rà soát, cắt giảm, đơn giản hóa ${n} thủ tục hành chính, đạt ${c.dec(92, 130)}% kế hoạch đề ra.`,
        fact: q(`Năm ${c.year}, ${c.where} đã cắt giảm, đơn giản hóa bao nhiêu thủ tục hành chính?`, n),
      };
    },
    (c) => {
      const a = c.rng.int(380, 1150);
      const b = c.rng.int(190, 480);
      const d = c.rng.int(90, 180);
      const total = vnInt(a + b + d);
      return {
        text: `Bộ thủ tục hành chính của ${c.where} hiện có ${total} thủ tục, trong đó cấp tỉnh ${vnInt(a)} thủ tục, cấp huyện ${vnInt(b)} thủ tục và cấp xã ${vnInt(d)} thủ tục.`,
        fact: q(`Bộ thủ tục hành chính của ${c.where} có tổng cộng bao nhiêu thủ tục?`, total),
      };
    },
    (c) => {
      const rate = c.dec(93, 99.9);
      return {
        text: `Tỷ lệ hồ sơ thủ tục hành chính của ${c.where} được giải quyết đúng hạn và trước hạn trong năm ${c.year} đạt ${rate}%, tăng ${c.dec(0.5, 4)} điểm phần trăm so với năm ${c.year - 1}.`,
        fact: q(
          `Năm ${c.year}, tỷ lệ hồ sơ được giải quyết đúng hạn và trước hạn của ${c.where} đạt bao nhiêu?`,
          `${rate}%`,
        ),
      };
    },
    (c) => {
      const received = c.int(52_000, 690_000);
      return {
        text: `Trong năm ${c.year}, Trung tâm Phục vụ hành chính công ${c.where} đã tiếp nhận ${received} hồ sơ, giải quyết ${c.int(50_000, 680_000)} hồ sơ; số hồ sơ trễ hạn là ${c.int(12, 2_400)} hồ sơ.`,
        fact: q(
          `Trung tâm Phục vụ hành chính công ${c.where} tiếp nhận bao nhiêu hồ sơ trong năm ${c.year}?`,
          received,
        ),
      };
    },
    (c) => {
      const saved = c.int(8, 160);
      return {
        text: `Nhờ cắt giảm thời gian giải quyết thủ tục hành chính, người dân và doanh nghiệp trên địa bàn ${c.where} tiết kiệm khoảng ${saved} tỷ đồng mỗi năm.`,
        fact: q(
          `Cắt giảm thời gian giải quyết thủ tục hành chính giúp người dân, doanh nghiệp ${c.place.name} tiết kiệm bao nhiêu tiền mỗi năm?`,
          `${saved} tỷ`,
        ),
      };
    },
    (c) => {
      const published = c.int(1_050, 2_300);
      return {
        text: `Trong năm ${c.year}, ${c.where} đã ban hành ${c.int(24, 95)} quyết định công bố danh mục thủ tục hành chính và công khai ${published} thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính.`,
        fact: q(
          `Năm ${c.year}, ${c.where} đã công khai bao nhiêu thủ tục hành chính trên Cơ sở dữ liệu quốc gia?`,
          published,
        ),
      };
    },
    (c) => ({
      text: `Có ${c.int(40, 260)} thủ tục hành chính được phân cấp, ủy quyền cho UBND cấp huyện và cấp xã giải quyết, góp phần giảm tải cho cấp tỉnh.`,
    }),
    (c) => {
      const from = c.rng.int(18, 30);
      const to = c.rng.int(5, 15);
      return {
        text: `Thời gian giải quyết bình quân đối với nhóm thủ tục đất đai của ${c.where} giảm từ ${from} ngày xuống còn ${to} ngày làm việc.`,
        fact: q(
          `Thời gian giải quyết thủ tục đất đai ở ${c.where} giảm xuống còn bao nhiêu ngày?`,
          `${to} ngày`,
        ),
      };
    },
    (c) => ({
      text: `Các cơ quan đã tiếp nhận, xử lý ${c.int(35, 420)} phản ánh, kiến nghị của người dân, doanh nghiệp về quy định hành chính, không để tồn đọng, kéo dài.`,
    }),
  ],
  dvc: [
    (c) => {
      const total = c.rng.int(1_300, 2_100);
      const full = c.rng.int(550, 1_250);
      return {
        text: `Hiện ${c.where} cung cấp ${vnInt(total)} dịch vụ công trực tuyến, trong đó ${vnInt(full)} dịch vụ công trực tuyến toàn trình, chiếm ${vnDec((100 * full) / total, 2)}%.`,
        fact: q(`${c.Where} có bao nhiêu dịch vụ công trực tuyến toàn trình?`, vnInt(full)),
      };
    },
    (c) => {
      const rate = c.dec(28, 92);
      return {
        text: `Năm ${c.year}, tỷ lệ hồ sơ được tiếp nhận và giải quyết trực tuyến toàn trình của ${c.where} đạt ${rate}%, cao hơn mức bình quân chung của cả nước.`,
        fact: q(`Tỷ lệ hồ sơ trực tuyến toàn trình năm ${c.year} của ${c.where} là bao nhiêu?`, `${rate}%`),
      };
    },
    (c) => {
      const accounts = c.int(48_000, 620_000);
      return {
        text: `Cổng Dịch vụ công ${c.where} đã có ${accounts} tài khoản đăng ký, ${c.int(150_000, 2_400_000)} hồ sơ được đồng bộ trạng thái lên Cổng Dịch vụ công quốc gia.`,
        fact: q(`Cổng Dịch vụ công ${c.where} có bao nhiêu tài khoản đăng ký?`, accounts),
      };
    },
    (c) => ({
      text: `Tỷ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính đạt ${c.dec(18, 75)}%, với tổng số tiền hơn ${c.dec(12, 950)} tỷ đồng.`,
    }),
    (c) => {
      const rate = c.dec(35, 98);
      return {
        text: `Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính của ${c.where} đạt ${rate}%, tỷ lệ khai thác, sử dụng lại dữ liệu đã số hóa đạt ${c.dec(10, 60)}%.`,
        fact: q(
          `Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính của ${c.where} đạt bao nhiêu phần trăm?`,
          `${rate}%`,
        ),
      };
    },
    (c) => ({
      text: `Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh đã kết nối, chia sẻ dữ liệu với ${c.int(6, 19)} cơ sở dữ liệu quốc gia và cơ sở dữ liệu chuyên ngành.`,
    }),
    () => ({
      text: "Người dân có thể nộp hồ sơ, theo dõi tiến độ và nhận kết quả qua ứng dụng di động, dịch vụ bưu chính công ích hoặc tại Bộ phận Một cửa các cấp.",
    }),
  ],
  dean06: [
    (c) => {
      const cards = c.int(420_000, 2_900_000);
      return {
        text: `Thực hiện Đề án 06 của Chính phủ, Công an ${c.where} đã thu nhận ${cards} hồ sơ cấp căn cước công dân gắn chip, đạt ${c.dec(90, 99.8)}% số công dân thuộc diện cấp.`,
        fact: q(`Công an ${c.where} đã thu nhận bao nhiêu hồ sơ cấp căn cước công dân gắn chip?`, cards),
      };
    },
    (c) => {
      const ids = c.int(150_000, 1_400_000);
      return {
        text: `Đến nay, ${c.where} đã kích hoạt ${ids} tài khoản định danh điện tử mức độ 2, đạt ${c.dec(45, 98)}% chỉ tiêu được giao.`,
        fact: q(`${c.Where} đã kích hoạt bao nhiêu tài khoản định danh điện tử mức độ 2?`, ids),
      };
    },
    (c) => {
      const k = c.rng.int(40, 260);
      const lookups = c.int(80_000, 1_900_000);
      return {
        text: `${k}/${k} cơ sở khám chữa bệnh trên địa bàn ${c.where} đã sử dụng căn cước công dân gắn chip thay thẻ bảo hiểm y tế, với ${lookups} lượt tra cứu thành công.`,
        fact: q(
          `Có bao nhiêu lượt tra cứu thông tin bảo hiểm y tế bằng căn cước công dân thành công tại ${c.where}?`,
          lookups,
        ),
      };
    },
    (c) => ({
      text: `Các sở, ngành của ${c.where} đã làm sạch ${c.int(250_000, 1_800_000)} dữ liệu hộ tịch và ${c.int(90_000, 900_000)} dữ liệu đất đai để kết nối với Cơ sở dữ liệu quốc gia về dân cư.`,
    }),
    (c) => {
      const files = c.int(3_000, 48_000);
      return {
        text: `Tại ${c.where}, hai nhóm thủ tục hành chính liên thông đăng ký khai sinh và đăng ký khai tử đã tiếp nhận ${files} hồ sơ trực tuyến.`,
        fact: q(
          `Hai nhóm thủ tục liên thông khai sinh, khai tử ở ${c.where} đã tiếp nhận bao nhiêu hồ sơ trực tuyến?`,
          files,
        ),
      };
    },
    (c) => ({
      text: `${c.Where} đã chi trả an sinh xã hội không dùng tiền mặt cho ${c.int(25_000, 310_000)} đối tượng, đạt ${c.dec(60, 99)}% số đối tượng thụ hưởng.`,
    }),
  ],
  bienche: [
    (c) => {
      const civil = c.rng.int(60, 900);
      const public_ = c.rng.int(300, 4_200);
      const total = vnInt(civil + public_);
      return {
        text: `Giai đoạn 2021 - ${c.year}, ${c.where} đã tinh giản ${total} biên chế, trong đó có ${vnInt(civil)} công chức và ${vnInt(public_)} viên chức.`,
        fact: q(`Từ năm 2021 đến năm ${c.year}, ${c.where} đã tinh giản bao nhiêu biên chế?`, total),
      };
    },
    (c) => {
      const units = c.int(12, 160);
      return {
        text: `${c.Where} đã giảm ${c.int(8, 45)} phòng chuyên môn thuộc sở, ${c.int(2, 12)} chi cục và ${units} đơn vị sự nghiệp công lập.`,
        fact: q(`${c.Where} đã giảm bao nhiêu đơn vị sự nghiệp công lập?`, units),
      };
    },
    (c) => {
      const before = c.rng.int(120, 280);
      const after = before - c.rng.int(6, 45);
      return {
        text: `Sau khi sắp xếp đơn vị hành chính cấp xã, ${c.where} giảm ${before - after} đơn vị, từ ${before} xuống còn ${after} xã, phường, thị trấn.`,
        fact: q(`Sau sắp xếp, ${c.where} còn bao nhiêu xã, phường, thị trấn?`, String(after)),
      };
    },
    (c) => {
      const posts = c.int(1_600, 3_900);
      return {
        text: `Năm ${c.year}, UBND ${c.where} giao ${posts} biên chế công chức và ${c.int(14_000, 42_000)} số lượng người làm việc trong các đơn vị sự nghiệp công lập.`,
        fact: q(`Năm ${c.year}, ${c.where} được giao bao nhiêu biên chế công chức?`, posts),
      };
    },
    (c) => ({
      text: `Đến nay, ${c.dec(70, 100)}% cơ quan, đơn vị của ${c.where} đã được phê duyệt đề án vị trí việc làm.`,
    }),
    (c) => ({
      text: `${c.Where} đã tổ chức thi tuyển cạnh tranh ${c.int(3, 40)} chức danh lãnh đạo cấp phòng và tuyển dụng ${c.int(60, 900)} công chức qua hình thức thi tuyển.`,
    }),
  ],
  parindex: [
    (c) => {
      const score = c.dec(78, 92);
      const rank = c.rng.int(2, 62);
      return {
        text: `Chỉ số cải cách hành chính (PAR INDEX) năm ${c.year - 1} của ${c.where} đạt ${score}%, xếp thứ ${rank}/63 tỉnh, thành phố, tăng ${c.rng.int(1, 20)} bậc so với năm trước.`,
        fact: c.rng.chance(0.5)
          ? q(
              `Chỉ số cải cách hành chính năm ${c.year - 1} của ${c.where} đạt bao nhiêu phần trăm?`,
              `${score}%`,
            )
          : q(`PAR INDEX năm ${c.year - 1} của ${c.where} xếp thứ mấy?`, `${rank}/63`),
      };
    },
    (c) => ({
      text: `Trong 8 lĩnh vực được đánh giá, lĩnh vực cải cách thủ tục hành chính đạt ${c.dec(80, 99)}%, lĩnh vực xây dựng và phát triển chính quyền điện tử, chính quyền số đạt ${c.dec(60, 95)}%.`,
    }),
    (c) => ({
      text: `Ban Chỉ đạo cải cách hành chính ${c.where} đặt mục tiêu đến năm ${c.year + 1} đưa Chỉ số PAR INDEX vào nhóm ${c.rng.pick(["10", "15", "20", "25"])} địa phương dẫn đầu cả nước.`,
    }),
    (c) => ({
      text: `Điểm đánh giá thông qua điều tra xã hội học của ${c.where} đạt ${c.dec(25, 34)}/38 điểm, thấp hơn năm trước ở tiêu chí về tiếp cận dịch vụ.`,
    }),
  ],
  sipas: [
    (c) => {
      const sipas = c.dec(78, 92);
      return {
        text: `Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS) năm ${c.year - 1} của ${c.where} đạt ${sipas}%, xếp thứ ${c.rng.int(2, 62)}/63.`,
        fact: q(`Chỉ số SIPAS năm ${c.year - 1} của ${c.where} đạt bao nhiêu phần trăm?`, `${sipas}%`),
      };
    },
    (c) => {
      const papi = c.dec(40, 46);
      return {
        text: `Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm ${c.year - 1} của ${c.where} đạt ${papi} điểm, thuộc nhóm ${c.rng.pick(["cao nhất", "trung bình cao", "trung bình thấp"])} cả nước.`,
        fact: q(`Chỉ số PAPI năm ${c.year - 1} của ${c.where} đạt bao nhiêu điểm?`, papi),
      };
    },
    (c) => {
      const pci = c.dec(60, 72);
      return {
        text: `Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm ${c.year - 1} của ${c.where} đạt ${pci} điểm, xếp thứ ${c.rng.int(2, 62)}/63 tỉnh, thành phố.`,
        fact: q(
          `Chỉ số năng lực cạnh tranh cấp tỉnh PCI năm ${c.year - 1} của ${c.where} đạt bao nhiêu điểm?`,
          pci,
        ),
      };
    },
    (c) => ({
      text: `Kết quả khảo sát cho thấy ${c.dec(85, 99)}% người dân đánh giá cán bộ, công chức tại Bộ phận Một cửa của ${c.where} có thái độ phục vụ tận tình, chu đáo.`,
    }),
  ],
  chuyendoiso: [
    (c) => ({
      text: `${c.dec(90, 99.9)}% văn bản đi, đến giữa các cơ quan nhà nước của ${c.where} được gửi, nhận dưới dạng điện tử, có ký số.`,
    }),
    (c) => {
      const money = c.int(25, 480);
      return {
        text: `Năm ${c.year}, ${c.where} đã bố trí ${money} tỷ đồng để đầu tư hạ tầng công nghệ thông tin và các nền tảng chính quyền số.`,
        fact: q(
          `Năm ${c.year}, ${c.where} bố trí bao nhiêu tiền để đầu tư hạ tầng công nghệ thông tin?`,
          `${money} tỷ`,
        ),
      };
    },
    (c) => {
      const dti = c.dec(0.35, 0.62);
      return {
        text: `Chỉ số chuyển đổi số (DTI) năm ${c.year - 1} của ${c.where} đạt ${dti} điểm, xếp thứ ${c.rng.int(2, 62)}/63 tỉnh, thành phố.`,
        fact: q(`Chỉ số chuyển đổi số DTI năm ${c.year - 1} của ${c.where} đạt bao nhiêu điểm?`, dti),
      };
    },
    (c) => ({
      text: `Có ${c.int(40, 260)} Bộ phận Một cửa cấp xã của ${c.where} đã được trang bị máy tính, máy quét tài liệu và đường truyền riêng phục vụ tiếp nhận hồ sơ trực tuyến.`,
    }),
    (c) => {
      const teams = c.int(400, 2_600);
      return {
        text: `${c.Where} đã thành lập ${teams} tổ công nghệ số cộng đồng với ${c.int(2_000, 16_000)} thành viên, hướng dẫn người dân sử dụng dịch vụ công trực tuyến.`,
        fact: q(`${c.Where} có bao nhiêu tổ công nghệ số cộng đồng?`, teams),
      };
    },
  ],
};

export const WEAKNESSES: Template[] = [
  (c) => ({
    text: `Bên cạnh kết quả đạt được, công tác cải cách hành chính của ${c.where} vẫn còn một số hạn chế như tỷ lệ hồ sơ trực tuyến ở cấp xã còn thấp, hạ tầng công nghệ thông tin chưa đồng bộ.`,
  }),
  () => ({
    text: "Người đứng đầu một số cơ quan, đơn vị chưa thực sự quan tâm đến công tác cải cách hành chính; việc tự chấm điểm, đánh giá còn chưa sát thực tế.",
  }),
  () => ({
    text: "Đội ngũ cán bộ, công chức làm việc tại Bộ phận Một cửa còn kiêm nhiệm, thường xuyên thay đổi, ảnh hưởng đến chất lượng tiếp nhận hồ sơ.",
  }),
  () => ({
    text: "Việc tái cấu trúc quy trình, số hóa hồ sơ ở một số đơn vị còn chậm; nhiều người dân vẫn quen nộp hồ sơ trực tiếp.",
  }),
  () => ({
    text: "Một số phần mềm chuyên ngành chưa kết nối với Hệ thống thông tin giải quyết thủ tục hành chính, khiến cán bộ phải nhập liệu nhiều lần.",
  }),
];

export const CLOSINGS: Template[] = [
  (c) => ({
    text: `Phát biểu kết luận, đồng chí ${c.chair}, ${c.leader} đề nghị các sở, ban, ngành, UBND các huyện, thị xã, thành phố tiếp tục đẩy mạnh cải cách hành chính, lấy người dân, doanh nghiệp làm trung tâm phục vụ.`,
  }),
  (c) => ({
    text: `Đồng chí ${c.chair} yêu cầu các cơ quan, đơn vị tập trung hoàn thành ${c.int(8, 60)} nhiệm vụ cải cách hành chính còn lại trong năm ${c.year}, gắn trách nhiệm người đứng đầu với kết quả thực hiện.`,
  }),
  (c) => {
    const target = c.dec(60, 95);
    return {
      text: `Năm ${c.year + 1}, ${c.where} phấn đấu ${target}% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình.`,
      fact: q(
        `Năm ${c.year + 1}, ${c.where} phấn đấu bao nhiêu phần trăm hồ sơ được giải quyết trực tuyến toàn trình?`,
        `${target}%`,
      ),
    };
  },
  (c) => ({
    text: `UBND ${c.where} giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan tham mưu kế hoạch cải cách hành chính năm ${c.year + 1} với ${c.int(30, 90)} nhiệm vụ trọng tâm.`,
  }),
];

/** Headlines by the article's main topic. */
export const TITLES: Record<string, Array<(c: Ctx) => string>> = {
  tthc: [
    (c) => `${c.place.name} đẩy mạnh cải cách thủ tục hành chính năm ${c.year}`,
    (c) => `${c.place.name} rút ngắn thời gian giải quyết thủ tục hành chính cho người dân, doanh nghiệp`,
  ],
  dvc: [
    (c) => `${c.place.name} đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình`,
    (c) => `${c.place.name}: Người dân làm thủ tục hành chính trên môi trường số ngày càng nhiều`,
  ],
  dean06: [
    (c) => `${c.place.name} đẩy mạnh triển khai Đề án 06 gắn với cải cách hành chính`,
    (c) => `${c.place.name} tăng tốc cấp căn cước công dân và định danh điện tử năm ${c.year}`,
  ],
  bienche: [
    (c) => `${c.place.name} sắp xếp tổ chức bộ máy, tinh giản biên chế giai đoạn 2021 - 2026`,
    (c) => `${c.Where} kiện toàn bộ máy, nâng cao chất lượng đội ngũ cán bộ, công chức`,
  ],
  parindex: [
    (c) => `${c.place.name} tập trung cải thiện Chỉ số cải cách hành chính PAR INDEX`,
    (c) => `Công bố Chỉ số cải cách hành chính năm ${c.year - 1} của ${c.where}`,
  ],
  sipas: [
    (c) => `${c.place.name} nâng cao sự hài lòng của người dân đối với cơ quan hành chính nhà nước`,
    (c) => `${c.place.name} cải thiện các chỉ số SIPAS, PAPI và PCI`,
  ],
  chuyendoiso: [
    (c) => `Chuyển đổi số trong cải cách hành chính ở ${c.place.name}`,
    (c) => `${c.place.name} xây dựng chính quyền số phục vụ người dân năm ${c.year}`,
  ],
  meeting: [
    (c) => `${c.place.name} sơ kết công tác cải cách hành chính 6 tháng đầu năm ${c.year}`,
    (c) => `${c.Where} tổng kết công tác cải cách hành chính năm ${c.year}`,
    (c) => `Ban Chỉ đạo cải cách hành chính ${c.where} họp phiên thường kỳ`,
  ],
};
