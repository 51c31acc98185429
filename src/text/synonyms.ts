/**
 * Ways of saying the same thing in administrative Vietnamese. Every phrase of a group stands for the
 * others, in documents and questions alike, so a paraphrase ("rút ngắn thời gian xử lý") meets the
 * article's wording ("cắt giảm thời gian giải quyết"). Only phrases specific enough not to drag
 * unrelated sentences in belong here.
 */
export const SYNONYM_GROUPS: string[][] = [
  ["cắt giảm", "rút ngắn", "cắt bớt", "giảm bớt", "bỏ bớt", "tinh giản", "giảm"],
  ["bổ sung", "cấp thêm", "tăng thêm"],
  ["tổng số", "tổng cộng"],
  ["công bố", "công khai"],
  ["giải quyết", "xử lý"],
  ["trực tuyến", "qua mạng", "online"],
  ["đôn đốc", "đốc thúc"],
  ["thu nhận", "tiếp nhận"],
  ["thanh toán", "trả tiền", "nộp tiền"],
  ["tổ công tác", "nhóm chuyên trách", "nhóm công tác"],
  ["thứ nhất", "lần đầu", "đầu tiên"],
  ["phiên họp", "cuộc họp", "buổi họp"],
  ["bãi bỏ", "cắt bỏ", "loại bỏ"],
  ["xếp thứ", "xếp hạng", "đứng thứ"],
  ["yêu cầu", "đề nghị", "muốn"],
  ["phấn đấu", "mục tiêu", "chỉ tiêu"],
  ["sử dụng", "dùng"],
  ["thành lập", "lập ra"],
  ["chủ trì", "điều hành buổi họp"],
  ["hài lòng", "thỏa mãn"],
  ["cơ quan hành chính nhà nước", "cơ quan nhà nước", "chính quyền"],
  ["đoàn công tác", "đoàn kiểm tra"],
  ["điểm cầu", "đầu cầu"],
  ["khám chữa bệnh", "khám bệnh"],
  ["tài khoản định danh điện tử", "tài khoản vneid"],
];
