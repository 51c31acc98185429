/**
 * Every user-facing sentence lives here, in Vietnamese. Code composes these; it never inlines text.
 */

export const answerText = {
  notFound:
    "Xin lỗi, kho bài viết hiện có không chứa thông tin để trả lời câu hỏi này. Bạn có thể hỏi về cải cách hành chính, thủ tục hành chính, dịch vụ công hoặc Đề án 06 tại các tỉnh Vĩnh Phúc, Lào Cai, Gia Lai, Kon Tum, Sơn La (2023–2024).",
  notFoundPlace: (place: string) =>
    `Xin lỗi, kho bài viết hiện có không có thông tin về ${place} cho câu hỏi này.`,
  notFoundYear: (year: string) =>
    `Xin lỗi, kho bài viết hiện có không có số liệu của năm ${year} cho câu hỏi này.`,
  emptyQuestion: "Bạn hãy nhập một câu hỏi, ví dụ: “Lào Cai đã cắt giảm bao nhiêu TTHC?”",
  tooLong: (max: number) => `Câu hỏi quá dài (tối đa ${max} ký tự). Bạn hãy rút gọn câu hỏi.`,
  accordingTo: "Theo bài viết",
  sourcesHeading: "Nguồn:",
} as const;

/** Notices shown with an answer when the language model was not used or its answer was replaced. */
export const llmText = {
  timeout: "Mô hình ngôn ngữ phản hồi quá chậm, nên câu trả lời dưới đây được trích trực tiếp từ bài viết.",
  busy: "Mô hình ngôn ngữ đang quá tải, nên câu trả lời dưới đây được trích trực tiếp từ bài viết.",
  unavailable:
    "Mô hình ngôn ngữ tạm thời không phản hồi, nên câu trả lời dưới đây được trích trực tiếp từ bài viết.",
  unverified:
    "Câu trả lời do mô hình ngôn ngữ viết chưa khớp với bài viết, nên câu trả lời dưới đây được trích trực tiếp từ bài viết.",
} as const;
