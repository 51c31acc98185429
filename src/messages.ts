import { escapeHtml } from "./bot/format/html.js";

/**
 * Every user-facing sentence lives here, in Vietnamese (and in English for questions asked in
 * English). Code composes these; it never inlines text. Nothing here names what a particular corpus
 * holds: that comes from the index (`IndexSummary`) or from data/examples.txt.
 */

import type { IndexSummary } from "./types.js";

/** Places named in a description of the corpus before "và N nơi khác": one line on a phone. */
const PLACES_SHOWN = 6;

function listed(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;
}

function yearSpan(summary: IndexSummary): string {
  const y = summary.years;
  return !y ? "" : y.from === y.to ? ` (${y.from})` : ` (${y.from}–${y.to})`;
}

function placesOf(summary: IndexSummary, others: (n: number) => string, english = false): string[] {
  const names = summary.places.map((p) => (english ? p.labelEn : p.label));
  if (names.length <= PLACES_SHOWN) return names;
  return [...names.slice(0, PLACES_SHOWN), others(names.length - PLACES_SHOWN)];
}

export const answerText = {
  notFound: "Xin lỗi, kho bài viết hiện có không chứa thông tin để trả lời câu hỏi này.",
  notFoundPlace: (place: string) =>
    `Xin lỗi, kho bài viết hiện có không có thông tin về ${place} cho câu hỏi này.`,
  notFoundYear: (year: string) =>
    `Xin lỗi, kho bài viết hiện có không có số liệu của năm ${year} cho câu hỏi này.`,
  notFoundPeriod: (period: string) =>
    `Xin lỗi, kho bài viết hiện có không có số liệu cho thời điểm ${period}.`,
  /** What the corpus holds, said after a refusal and in /help. */
  coverage: (summary: IndexSummary) => {
    if (summary.articleCount === 0) return "Kho bài viết hiện đang trống.";
    const topics = summary.topics.map((t) => t.vi);
    const places = placesOf(summary, (n) => `${n} nơi khác`);
    return `Kho hiện có ${summary.articleCount} bài viết${yearSpan(summary)}${topics.length ? ` về ${listed(topics, "và")}` : ""}${places.length ? `, đưa tin từ ${listed(places, "và")}` : ""}.`;
  },
  emptyQuestion: "Bạn hãy nhập một câu hỏi, ví dụ: “Năm 2023 tỉnh đã cắt giảm bao nhiêu thủ tục hành chính?”",
  tooLong: (max: number) => `Câu hỏi quá dài (tối đa ${max} ký tự). Bạn hãy rút gọn câu hỏi.`,
  accordingTo: "Theo bài viết",
  sourcesHeading: "Nguồn:",
  /** Above the sentence that came closest, after a refusal. */
  nearestHeading: "Đoạn gần nhất tìm được (có thể chưa trả lời đúng câu hỏi):",
  /** Replies to a message that holds only courtesy: how to ask, with one of /start's examples. */
  smallTalk: {
    greeting: (example: string) =>
      `Xin chào! Mình trả lời câu hỏi về cải cách hành chính dựa trên các bài viết trong kho, có ghi nguồn để bạn kiểm chứng. Bạn cứ gõ câu hỏi như khi trò chuyện, nêu rõ nơi và thời gian${example ? `, ví dụ: “${example}”` : ""}. Gõ /help để xem hướng dẫn.`,
    thanks: (example: string) =>
      `Không có gì ạ! Bạn cần hỏi thêm thì cứ gõ câu hỏi${example ? `, ví dụ: “${example}”` : ""}.`,
    other: (example: string) =>
      `Mình sẵn sàng trả lời. Bạn hãy gõ một câu hỏi${example ? `, ví dụ: “${example}”` : ""}. Gõ /help để xem hướng dẫn.`,
  },
  /** A question /start may offer when no data/examples.txt is given, built from what the index holds. */
  exampleQuestion: (topic: string, place?: string, year?: number) =>
    `${topic[0]?.toUpperCase()}${topic.slice(1)}${place ? ` ở ${place}` : ""}${year ? ` năm ${year}` : ""} có kết quả gì?`,
} as const;

/** The same, for a question asked in English: the articles stay Vietnamese, the frame does not. */
export const englishText = {
  /** Put above a quoted (Vietnamese) answer. */
  answerFrame: "From the Vietnamese articles (quoted as written):",
  notFound: "Sorry, the articles in the collection do not answer this question.",
  notFoundPlace: (place: string) =>
    `Sorry, the collection has no information about ${place} for this question.`,
  coverage: (summary: IndexSummary) => {
    if (summary.articleCount === 0) return "The collection is empty.";
    const topics = summary.topics.map((t) => t.en);
    const places = placesOf(summary, (n) => `${n} other places`, true);
    return `It holds ${summary.articleCount} Vietnamese news article${summary.articleCount === 1 ? "" : "s"}${yearSpan(summary)}${topics.length ? ` on ${listed(topics, "and")}` : ""}${places.length ? `, reporting from ${listed(places, "and")}` : ""}.`;
  },
  sourcesHeading: "Sources:",
  nearestHeading: "The closest passage found (it may not answer the question):",
  smallTalk: {
    greeting: (example: string) =>
      `Hello! I answer questions about Vietnam's administrative reform from the Vietnamese news articles in my collection, citing the passages I quote. Ask in English or Vietnamese, naming the place and the year${example ? `, for example: “${example}”` : ""}. Type /help for more.`,
    thanks: (example: string) =>
      `You're welcome! Ask another question whenever you like${example ? `, for example: “${example}”` : ""}.`,
    other: (example: string) =>
      `I'm ready. Type a question${example ? `, for example: “${example}”` : ""}. Type /help for more.`,
  },
} as const;

/** "tỉnh Phú Thọ", "thành phố Đà Nẵng", "TP. Hồ Chí Minh"; in English "Phú Thọ province". */
const unitName = (name: string, city: boolean, english: boolean) =>
  english
    ? name.startsWith("TP. ")
      ? "Ho Chi Minh City"
      : `${name} ${city ? "city" : "province"}`
    : name.startsWith("TP. ")
      ? name
      : `${city ? "thành phố" : "tỉnh"} ${name}`;

const list = (items: string[], english: boolean) =>
  items.length < 2
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} ${english ? "and" : "và"} ${items.at(-1)}`;

/** Province names since the July 2025 merger (src/text/provinces.ts). Plain text. */
export const placeText = {
  /** "Hòa Bình (nay thuộc tỉnh Phú Thọ)"; `renamed` when the old unit became the new one alone. */
  formerly: (old: string, current: string, unit: { city: boolean; renamed: boolean; english: boolean }) =>
    unit.english
      ? `${old} (now ${unit.renamed ? "" : "part of "}${unitName(current, unit.city, true)})`
      : `${old} (nay ${unit.renamed ? "là" : "thuộc"} ${unitName(current, unit.city, false)})`,
  /** After a refusal about a merged province: the old provinces whose articles were searched too. */
  searchedFormer: (olds: string[], current: string, city: boolean, english: boolean) =>
    english
      ? `The articles about ${list(olds, true)}, now part of ${unitName(current, city, true)}, were searched as well.`
      : `Đã tìm cả trong các bài viết về ${list(olds, false)}, nay thuộc ${unitName(current, city, false)}.`,
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

/* ------------------------------------------------------------------------------------------------
 * Telegram bot (src/bot). These strings are Telegram HTML: the functions below escape every value
 * they are given, so callers pass raw text. Fixed strings may hold <b>, <i> and <code> markup.
 * --------------------------------------------------------------------------------------------- */

const REJECT_REASONS = {
  binary: "tệp không phải văn bản (có dữ liệu nhị phân)",
  empty: "không có nội dung bài viết",
  encoding: "tệp không phải văn bản UTF-8",
  format: "định dạng tệp không được hỗ trợ (chỉ nhận .txt, .md, .html)",
  metadata: "thông tin đi kèm không hợp lệ",
  "too-large": "tệp quá lớn",
  "not-vietnamese": "nội dung không phải văn bản tiếng Việt",
} as const;

const REINDEX_STAGES = {
  reading: "Đọc bài viết",
  chunking: "Chia đoạn",
  embedding: "Tính vector",
  indexing: "Lập chỉ mục",
  saving: "Lưu chỉ mục",
  done: "Hoàn tất",
} as const;

/** Why a folder could not be written or read, by the StorageError's code (src/storage-error.ts). */
const STORAGE_REASONS: Record<string, string> = {
  ENOSPC: "ổ đĩa đã đầy",
  EDQUOT: "đã hết hạn mức dung lượng",
  EROFS: "ổ đĩa chỉ cho phép đọc",
  EACCES: "không có quyền ghi",
  EPERM: "thao tác không được phép",
  ENOTDIR: "một phần của đường dẫn không phải là thư mục",
  ENOENT: "thư mục không tồn tại",
  EISDIR: "có một thư mục nằm ở chỗ cần là tệp",
  EEXIST: "có một tệp nằm ở chỗ cần là thư mục",
};
const storageReason = (code: string) => STORAGE_REASONS[code] ?? `lỗi hệ thống tệp ${code}`;

/** How an admin action ended, from the audit log's machine-readable outcome ("ok", "storage: ENOSPC"…). */
const LOG_OUTCOMES: Record<string, string> = {
  "not-found": "không tìm thấy",
  duplicate: "trùng với bài đã có",
  conflict: "trùng tên tệp trong kho",
  error: "lỗi",
};
function logOutcome(outcome: string): string {
  if (outcome === "ok") return "✅";
  const [kind, detail = ""] = outcome.split(/:\s*/, 2);
  if (kind === "storage") return `❌ ${escapeHtml(storageReason(detail))}`;
  if (kind === "rejected" && detail in REJECT_REASONS)
    return `❌ ${REJECT_REASONS[detail as keyof typeof REJECT_REASONS]}`;
  return `❌ ${escapeHtml(LOG_OUTCOMES[outcome] ?? outcome)}`;
}

const seconds = (ms: number) => (ms / 1000).toLocaleString("vi-VN", { maximumFractionDigits: 1 });

export const botText = {
  /** Descriptions shown in Telegram's command menu (setMyCommands): plain text, at most 256 characters. */
  commands: {
    start: "Giới thiệu và câu hỏi mẫu",
    help: "Hướng dẫn sử dụng",
    sources: "Các bài viết trong kho",
    ask: "Đặt câu hỏi (dùng trong nhóm)",
    about: "Phiên bản, kho bài viết và chỉ mục",
    new: "Bắt đầu cuộc trò chuyện mới",
    stats: "Thống kê câu hỏi và góp ý",
    add: "Thêm bài viết (dán nội dung sau lệnh)",
    reindex: "Dựng lại chỉ mục tìm kiếm",
    remove: "Gỡ một bài viết khỏi kho",
    restore: "Khôi phục bài viết đã gỡ",
    edit: "Sửa tiêu đề, ngày, nguồn của bài viết",
    log: "Nhật ký thao tác quản trị",
    theodoi: "Theo dõi bài viết mới về một tỉnh hoặc chủ đề",
    huytheodoi: "Huỷ theo dõi",
  },
  start: (name?: string) =>
    `Xin chào${name ? ` ${escapeHtml(name)}` : ""}! Mình là <b>Hỏi CCHC</b>, trợ lý trả lời câu hỏi về cải cách hành chính (CCHC) dựa trên các bài báo trong kho dữ liệu. Mỗi câu trả lời đều ghi nguồn [1], [2]… để bạn kiểm chứng.\n\nCứ gõ câu hỏi như khi trò chuyện: thủ tục hành chính, dịch vụ công trực tuyến, chỉ số CCHC, Đề án 06 ở các tỉnh. Gõ /help để xem hướng dẫn.\n\nThử một câu hỏi mẫu:`,
  help: (username: string, isAdmin: boolean, coverage: string, followUp: string) =>
    [
      "<b>Cách hỏi</b>",
      "• Trong tin nhắn riêng: gõ thẳng câu hỏi.",
      `• Trong nhóm: dùng /ask &lt;câu hỏi&gt;, nhắc tên @${escapeHtml(username)} hoặc trả lời (reply) tin nhắn của bot.`,
      `• Có thể hỏi tiếp ngắn gọn, ví dụ “${escapeHtml(followUp)}”: bot nhớ vài câu gần nhất trong 15 phút. /new để bắt đầu lại.`,
      "• Gõ có dấu hay không dấu, viết tắt (TTHC, bn, ko, đc) hay hỏi bằng tiếng Anh đều được.",
      "• Bấm “Xem đoạn trích” để đọc đúng đoạn văn được dẫn; 👍/👎 để góp ý cho câu trả lời.",
      "",
      "<b>Kho bài viết</b>",
      escapeHtml(coverage),
      "",
      "<b>Lệnh</b>",
      "/start – giới thiệu và câu hỏi mẫu",
      "/help – hướng dẫn này",
      "/sources – các bài viết trong kho",
      "/ask – đặt câu hỏi (trong nhóm)",
      "/about – phiên bản, kho bài viết, chỉ mục",
      "/new – bắt đầu cuộc trò chuyện mới",
      "/theodoi &lt;tỉnh hoặc chủ đề&gt; – nhận tin khi có bài viết mới phù hợp; /theodoi để xem danh sách",
      "/huytheodoi &lt;tỉnh hoặc chủ đề&gt; – huỷ theo dõi (không ghi gì: huỷ tất cả)",
      ...(isAdmin
        ? [
            "",
            "<b>Quản trị</b>",
            "• Gửi tệp .txt, .md hoặc .html để thêm bài viết; chú thích của tệp có thể ghi các dòng “Tiêu đề: …”, “Ngày: dd/mm/yyyy”, “Nơi: …”, “Nguồn: …”.",
            "/add – dán nội dung bài viết ngay sau lệnh (các dòng đầu có thể ghi như trên)",
            "/reindex – dựng lại chỉ mục",
            "/remove &lt;mã hoặc tiêu đề&gt; – gỡ một bài viết (có nút hoàn tác)",
            "/restore – khôi phục bài viết đã gỡ",
            "/edit &lt;mã&gt; rồi các dòng “Tiêu đề: …”, “Ngày: …”, “Nguồn: …” – sửa thông tin bài viết",
            "/log – nhật ký thao tác quản trị",
            "/stats – thống kê câu hỏi và góp ý",
          ]
        : []),
    ].join("\n"),

  askUsage:
    "Bạn hãy viết câu hỏi kèm theo, ví dụ: /ask Năm 2023 tỉnh đã cắt giảm bao nhiêu thủ tục hành chính?",
  /** The follow-up shown in /help when the corpus has fewer than two places to make one from. */
  followUpFallback: "còn năm trước thì sao?",
  followUp: (place: string) => `còn ${place} thì sao?`,
  questionEcho: (question: string) => `❓ <i>${escapeHtml(question)}</i>`,
  passagesButton: "📄 Xem đoạn trích",
  voteUp: "👍",
  voteDown: "👎",
  voted: (vote: "up" | "down") => (vote === "up" ? "👍 Đã ghi nhận" : "👎 Đã ghi nhận"),
  notFoundTips:
    "\n\n<b>Gợi ý:</b> hãy hỏi cụ thể hơn, nêu rõ tỉnh và năm, hoặc dùng từ ngữ như trong bài báo (ví dụ “thủ tục hành chính”, “dịch vụ công trực tuyến”). Gõ /sources để xem danh sách bài viết.",
  notFoundTipsEnglish:
    "\n\n<b>Tip:</b> name the province and the year, or use the terms the articles use. Type /sources to see the list of articles.",
  timings: (retrieveMs: number, answerMs: number) =>
    `⏱ tìm kiếm ${Math.round(retrieveMs)} ms · trả lời ${Math.round(answerMs)} ms`,
  passagesHeading: "<b>Các đoạn trích được dẫn</b>",
  passagesNone: "Câu trả lời này không dẫn đoạn văn nào.",
  passagesAlreadyShown: "Các đoạn trích đã được gửi ở trên.",
  staleButton: "Nút này đã hết hạn. Bạn hãy đặt lại câu hỏi nhé.",
  voteThanks: "Cảm ơn bạn đã góp ý!",
  voteSame: "Bạn đã góp ý cho câu trả lời này rồi.",
  voteChanged: "Đã cập nhật góp ý của bạn.",
  rateLimited: "Bạn đang gửi hơi nhiều tin nhắn. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé.",
  forwardedCommand:
    "Lệnh trong tin nhắn chuyển tiếp không được thực hiện. Nếu muốn dùng lệnh, bạn hãy tự gõ lệnh đó.",
  internalError: "Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút.",
  /** A command that needs the shared database (/stats, /log, /theodoi) while it cannot be reached. */
  databaseUnavailable:
    "⚠️ Cơ sở dữ liệu của bot tạm thời không truy cập được nên chưa làm được việc này. Câu hỏi vẫn được trả lời bình thường; bạn vui lòng thử lại sau ít phút.",
  newConversation: "Đã bắt đầu cuộc trò chuyện mới: các câu hỏi tiếp theo không dựa vào những câu trước nữa.",
  unknownCommand: "Mình không hiểu lệnh này. Gõ /help để xem các lệnh có thể dùng.",
  nonText: {
    sticker: "Cảm ơn nhãn dán! 😊 Mình chỉ đọc được câu hỏi bằng chữ.",
    photo: "Mình chưa đọc được hình ảnh.",
    voice: "Mình chưa nghe được tin nhắn thoại hay âm thanh.",
    video: "Mình chưa xem được video.",
    other: "Mình chỉ trả lời được câu hỏi bằng chữ.",
    hint: (example: string) =>
      ` Bạn hãy gõ câu hỏi về cải cách hành chính, ví dụ: “${escapeHtml(example)}”. Gõ /help để xem hướng dẫn.`,
  },

  sourcesHeading: (count: number) => `📚 <b>Kho có ${count} bài viết</b> (mới nhất trước):`,
  sourcesEmpty: "Kho bài viết đang trống.",
  about: (info: {
    version: string;
    articleCount: number;
    chunkCount: number;
    builtAt: string;
    answerBackend: "extractive" | "llm";
    embeddings: string;
    rebuilding: boolean;
  }) =>
    [
      `<b>Hỏi CCHC</b> phiên bản ${escapeHtml(info.version)}`,
      `Kho: ${info.articleCount} bài viết, ${info.chunkCount} đoạn`,
      `Chỉ mục dựng lúc: ${escapeHtml(info.builtAt)}`,
      `Cách trả lời: ${info.answerBackend === "llm" ? "mô hình ngôn ngữ (LLM), trích dẫn được kiểm tra lại" : "trích câu từ bài viết (không dùng mô hình ngôn ngữ)"}`,
      `Vector hoá: <code>${escapeHtml(info.embeddings)}</code>`,
      ...(info.rebuilding ? ["🔄 Đang dựng lại chỉ mục; câu hỏi vẫn được trả lời từ chỉ mục hiện tại."] : []),
    ].join("\n"),

  adminOnly:
    "Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot. Bạn vẫn có thể đặt câu hỏi như bình thường.",
  adminOnlyUpload:
    "Cảm ơn bạn! Tuy vậy chỉ quản trị viên mới thêm được bài viết vào kho. Bạn vẫn có thể đặt câu hỏi bằng chữ.",
  adminPrivateOnly: "Lệnh quản trị chỉ dùng trong tin nhắn riêng với bot.",
  /** After an admin action whose audit entry waits for the database (it is stored when it is back). */
  auditBuffered:
    "⚠️ Thao tác đã thực hiện, nhưng hiện không kết nối được cơ sở dữ liệu nên chưa ghi được vào nhật ký quản trị. Mục nhật ký được giữ lại và sẽ tự ghi khi cơ sở dữ liệu hoạt động trở lại; /log chưa hiện nó cho đến lúc đó.",
  /** After an admin action whose audit entry could not be kept at all. */
  auditFailed:
    "⚠️ Thao tác đã thực hiện, nhưng không ghi được vào nhật ký quản trị. Mục này sẽ không có trong /log; người vận hành xem được chi tiết trong log của bot.",

  upload: {
    unsupported: (name: string) =>
      `Tệp “${escapeHtml(name)}” không được hỗ trợ. Hãy gửi tệp .txt, .md hoặc .html chứa nội dung bài viết. Không có gì thay đổi.`,
    tooLarge: (size: string, max: string) =>
      `Tệp quá lớn (${escapeHtml(size)}; tối đa ${escapeHtml(max)}). Không có gì thay đổi.`,
    downloadFailed: "Không tải được tệp từ Telegram. Bạn hãy thử gửi lại. Không có gì thay đổi.",
    working: "⏳ Đang đọc và thêm bài viết…",
    added: "✅ <b>Đã thêm bài viết</b>",
    field: {
      title: "Tiêu đề",
      date: "Ngày",
      place: "Nơi",
      publisher: "Nguồn",
      author: "Tác giả",
      url: "Liên kết",
      id: "Mã",
    },
    fieldLine: (label: string, value: string) => `${label}: ${escapeHtml(value)}`,
    derived: (labels: string[]) =>
      `<i>Tự nhận diện từ nội dung: ${escapeHtml(labels.join(", "))}. Nếu sai, bấm “✏️ Sửa thông tin” để nhận lệnh /edit điền sẵn.</i>`,
    indexUpdated: (articles: number, chunks: number, ms: number) =>
      `Chỉ mục: ${articles} bài viết, ${chunks} đoạn (cập nhật trong ${seconds(ms)} giây). Bài mới đã được dùng để trả lời.`,
    indexBusy: "Chỉ mục đang được dựng lại; bài mới sẽ có trong kết quả khi lần dựng này xong.",
    duplicate: (title: string, date: string, id: string) =>
      `ℹ️ Bài viết này đã có trong kho: <b>${escapeHtml(title)}</b> (${escapeHtml(date)}, mã <code>${escapeHtml(id)}</code>). Không có gì thay đổi.`,
    rejected: (reason: keyof typeof REJECT_REASONS, fileName?: string) =>
      `❌ Không thêm bài viết: ${REJECT_REASONS[reason]}.${fileName ? `\nTệp: <i>${escapeHtml(fileName)}</i>` : ""}\nKhông có gì thay đổi.`,
    storageFailed: (folder: string, code: string) =>
      `❌ Không thêm bài viết: không ghi được vào thư mục <code>${escapeHtml(folder)}</code> (${escapeHtml(storageReason(code))}). Không có gì thay đổi.`,
    badMetadata: (problems: string[]) =>
      `❌ Không thêm bài viết: ${escapeHtml(problems.join(" "))}\nKhông có gì thay đổi.`,
    invalidDate: (value: string) => `Ngày “${value}” không hợp lệ; hãy viết dạng dd/mm/yyyy.`,
    invalidUrl: (value: string) => `Liên kết “${value}” không phải địa chỉ http(s).`,
    addUsage:
      "Dán nội dung bài viết ngay sau lệnh /add trong cùng tin nhắn, hoặc trả lời (reply) tin nhắn chứa bài viết bằng /add. Các dòng đầu có thể ghi:\nTiêu đề: …\nNgày: dd/mm/yyyy\nNơi: …\nNguồn: …\nBài dài hơn 4096 ký tự thì gửi dưới dạng tệp .txt.",
  },

  reindex: {
    started: "🔄 Đang dựng lại chỉ mục…",
    progress: (stage: keyof typeof REINDEX_STAGES, done: number, total: number) =>
      `🔄 Đang dựng lại chỉ mục… ${REINDEX_STAGES[stage]}${total > 0 ? ` ${done}/${total}` : ""}`,
    done: (articles: number, chunks: number, ms: number) =>
      `✅ Đã dựng lại chỉ mục: ${articles} bài viết, ${chunks} đoạn, trong ${seconds(ms)} giây.`,
    skipped: (
      items: Array<{ file: string; kind?: keyof typeof REJECT_REASONS | "duplicate"; duplicateOf?: string }>,
    ) =>
      `Bỏ qua ${items.length} tệp:\n${items
        .slice(0, 20)
        .map(
          (s) =>
            `• ${escapeHtml(s.file)}: ${
              s.kind === "duplicate"
                ? `trùng nội dung với ${escapeHtml(s.duplicateOf ?? "một tệp khác")}`
                : s.kind
                  ? REJECT_REASONS[s.kind]
                  : "không đọc được"
            }`,
        )
        .join("\n")}${items.length > 20 ? "\n• …" : ""}`,
    storageFailed: (folder: string, code: string) =>
      `❌ Không dựng lại được chỉ mục: không ghi được vào thư mục <code>${escapeHtml(folder)}</code> (${escapeHtml(storageReason(code))}). Chỉ mục cũ vẫn được dùng để trả lời; hãy kiểm tra thư mục rồi gõ /reindex lần nữa.`,
    alreadyRunning:
      "⏳ Chỉ mục đang được dựng lại. Câu hỏi vẫn được trả lời từ chỉ mục cũ; bạn hãy đợi lần dựng này xong.",
  },

  remove: {
    usage: "Cú pháp: /remove &lt;mã hoặc tiêu đề bài viết&gt;. Mã bài viết xem bằng /sources.",
    removed: (title: string, id: string, articles: number) =>
      `🗑 Đã gỡ bài viết <b>${escapeHtml(title)}</b> (mã <code>${escapeHtml(id)}</code>). Bài viết được cất lại chứ không bị xoá; bấm “Hoàn tác” hoặc gõ /restore để khôi phục. Kho còn ${articles} bài viết.`,
    notFound: (query: string) =>
      `Không tìm thấy bài viết “${escapeHtml(query)}”. Xem mã và tiêu đề bằng /sources.`,
    choose: (query: string, count: number, shown: number) =>
      `Có ${count} bài viết khớp với “${escapeHtml(query)}”. Chưa gỡ bài nào: hãy chọn bài cần gỡ${shown < count ? ` (hiện ${shown} bài đầu; gõ cụ thể hơn hoặc dùng mã để thấy các bài khác)` : ""}:`,
    candidate: (n: number, title: string, date: string, id: string) =>
      `${n}. <b>${escapeHtml(title)}</b>\n   ${escapeHtml(date)} · <code>${escapeHtml(id)}</code>`,
    candidateButton: (n: number, title: string) => `🗑 ${n}. ${title}`,
    cancelButton: "✖️ Huỷ, không gỡ",
    cancelled: "Đã huỷ: không gỡ bài nào.",
    undoButton: "↩️ Hoàn tác",
    gone: "Bài viết này không còn trong kho (có thể vừa được gỡ). Không có gì thay đổi.",
    storageFailed: (folder: string, code: string) =>
      `❌ Không gỡ được bài viết: không ghi được vào thư mục <code>${escapeHtml(folder)}</code> (${escapeHtml(storageReason(code))}). Không có gì thay đổi.`,
  },

  restore: {
    empty: "Không có bài viết nào đã gỡ để khôi phục.",
    noMatch: (query: string) =>
      `Không có bài viết đã gỡ nào khớp với “${escapeHtml(query)}”. Gõ /restore để xem tất cả.`,
    choose: (count: number, shown: number) =>
      `♻️ <b>Bài viết đã gỡ</b> (${count}, mới gỡ nhất trước${shown < count ? `; hiện ${shown} bài đầu, gõ /restore &lt;tiêu đề&gt; để lọc` : ""}). Chọn bài cần khôi phục:`,
    entry: (n: number, title: string, removedAt: string, id: string) =>
      `${n}. <b>${escapeHtml(title)}</b>\n   gỡ lúc ${escapeHtml(removedAt)} · <code>${escapeHtml(id)}</code>`,
    button: (n: number, title: string) => `♻️ ${n}. ${title}`,
    restored: (title: string, id: string, articles: number) =>
      `♻️ Đã khôi phục bài viết <b>${escapeHtml(title)}</b> (mã <code>${escapeHtml(id)}</code>) và đưa lại vào chỉ mục. Kho có ${articles} bài viết.`,
    notFound:
      "Bài viết này không còn trong thư mục bài đã gỡ (có thể đã được khôi phục). Không có gì thay đổi.",
    duplicate: (title: string, id: string) =>
      `Không khôi phục: nội dung này đã có trong kho (bài <b>${escapeHtml(title)}</b>, mã <code>${escapeHtml(id)}</code>). Không có gì thay đổi.`,
    conflict: (file: string) =>
      `Không khôi phục: trong kho đã có tệp tên <code>${escapeHtml(file)}</code>. Không có gì thay đổi.`,
    storageFailed: (folder: string, code: string) =>
      `❌ Không khôi phục được bài viết: không ghi được vào thư mục <code>${escapeHtml(folder)}</code> (${escapeHtml(storageReason(code))}). Không có gì thay đổi.`,
  },

  edit: {
    usage:
      "Cú pháp (chỉ ghi những dòng cần sửa):\n<code>/edit mã-bài-viết\nTiêu đề: …\nNgày: dd/mm/yyyy\nNguồn: …</code>\nMã bài viết xem bằng /sources. “Nguồn” là tên cơ quan đăng bài hoặc một liên kết https.",
    template: (command: string) =>
      `Chạm vào lệnh dưới đây để chép, sửa những dòng sai rồi gửi lại:\n\n<code>${escapeHtml(command)}</code>`,
    copyButton: "📋 Chép lệnh sửa",
    editButton: "✏️ Sửa thông tin",
    notFound: (query: string) =>
      `Không tìm thấy bài viết có mã “${escapeHtml(query)}”. Xem mã bằng /sources.`,
    ambiguous: (query: string, ids: string[]) =>
      `“${escapeHtml(query)}” khớp với ${ids.length} bài viết; hãy dùng mã của bài cần sửa:\n${ids.map((id) => `• <code>${escapeHtml(id)}</code>`).join("\n")}`,
    noFields:
      "Không có dòng nào để sửa. Hãy ghi ít nhất một dòng “Tiêu đề: …”, “Ngày: …” hoặc “Nguồn: …” dưới lệnh /edit.",
    badFields: (problems: string[]) =>
      `❌ Không sửa: ${escapeHtml(problems.join(" "))}\nKhông có gì thay đổi.`,
    unchanged: "Không có gì thay đổi: các thông tin này giống thông tin hiện có của bài viết.",
    edited: (title: string, id: string, changes: Array<{ label: string; from: string; to: string }>) =>
      `✏️ Đã sửa bài viết <b>${escapeHtml(title)}</b> (mã <code>${escapeHtml(id)}</code>):\n${changes
        .map(
          (c) => `• ${escapeHtml(c.label)}: ${escapeHtml(c.from || "(trống)")} → <b>${escapeHtml(c.to)}</b>`,
        )
        .join("\n")}`,
    metadataOnly: "Trích dẫn dùng thông tin mới ngay, không phải dựng lại chỉ mục.",
    titleTerms: "Từ ngữ của tiêu đề mới sẽ được dùng khi tìm kiếm sau lần /reindex tới.",
    passages: "Nơi của bài viết đã đổi nên các đoạn của bài đã được lập chỉ mục lại.",
    storageFailed: (folder: string, code: string) =>
      `❌ Không sửa được bài viết: không ghi được vào thư mục <code>${escapeHtml(folder)}</code> (${escapeHtml(storageReason(code))}). Không có gì thay đổi.`,
  },

  log: {
    empty: "Nhật ký quản trị đang trống.",
    heading: (count: number) => `📜 <b>Nhật ký quản trị</b> (${count} mục gần nhất, mới nhất trước):`,
    actions: {
      add: "thêm",
      remove: "gỡ",
      restore: "khôi phục",
      edit: "sửa",
      reindex: "dựng lại chỉ mục",
    },
    entry: (e: {
      at: string;
      who: string;
      action: string;
      articleId?: string;
      title?: string;
      outcome: string;
      detail?: string;
    }) =>
      `${escapeHtml(e.at)} · ${escapeHtml(e.who)} · <b>${escapeHtml(e.action)}</b>${e.articleId ? ` <code>${escapeHtml(e.articleId)}</code>` : ""}${e.title ? ` “${escapeHtml(e.title)}”` : ""}${e.detail ? ` (${escapeHtml(e.detail)})` : ""} · ${logOutcome(e.outcome)}`,
  },

  subscriptions: {
    none: "Bạn chưa theo dõi tỉnh hay chủ đề nào. Gõ /theodoi &lt;tỉnh hoặc chủ đề&gt;, ví dụ <code>/theodoi Phú Thọ</code> hoặc <code>/theodoi Đề án 06</code>: khi có bài viết mới phù hợp, bot sẽ nhắn vào cuộc trò chuyện này.",
    list: (topics: string[]) =>
      `🔔 <b>Đang theo dõi</b>\n${topics.map((t) => `• ${escapeHtml(t)}`).join("\n")}\n\nGõ /huytheodoi &lt;tỉnh hoặc chủ đề&gt; để huỷ một mục, /huytheodoi để huỷ tất cả.`,
    added: (topic: string, formerly: string[]) =>
      `✅ Đã theo dõi “${escapeHtml(topic)}”${formerly.length ? ` (gồm cả bài viết về ${escapeHtml(formerly.join(", "))} trước khi sáp nhập)` : ""}. Khi có bài viết mới phù hợp, bot sẽ nhắn vào cuộc trò chuyện này, mỗi bài một tin.`,
    exists: (topic: string) => `Bạn đã theo dõi “${escapeHtml(topic)}” rồi. Gõ /theodoi để xem danh sách.`,
    tooMany: (max: number) =>
      `Mỗi cuộc trò chuyện theo dõi được tối đa ${max} mục. Hãy huỷ bớt bằng /huytheodoi &lt;tỉnh hoặc chủ đề&gt;.`,
    tooLong: (max: number) => `Tên tỉnh hoặc chủ đề dài tối đa ${max} ký tự.`,
    unusable: "Hãy ghi tên một tỉnh hoặc một chủ đề sau lệnh, ví dụ <code>/theodoi Đà Nẵng</code>.",
    removed: (topics: string[]) =>
      `🔕 Đã huỷ theo dõi: ${topics.map((t) => `“${escapeHtml(t)}”`).join(", ")}.`,
    notFollowed: (topic: string) =>
      `Bạn không theo dõi “${escapeHtml(topic)}”. Gõ /theodoi để xem danh sách.`,
    storageFailed: (folder: string, code: string) =>
      `❌ Không lưu được việc theo dõi: thư mục <code>${escapeHtml(folder)}</code> (${escapeHtml(storageReason(code))}). Bạn vui lòng thử lại sau.`,
    notice: (a: { title: string; date: string; place: string; publisher: string; topics: string[] }) =>
      `🔔 <b>Bài viết mới</b> về ${escapeHtml(a.topics.join(", "))}\n<b>${escapeHtml(a.title)}</b>\n${escapeHtml([a.date, a.place, a.publisher].filter(Boolean).join(" · "))}`,
    askButton: "❓ Hỏi về bài viết này",
  },

  stats: (s: {
    questions: number;
    last7Days: number;
    found: number;
    up: number;
    down: number;
    articleCount: number;
    recentUnanswered: string[];
    rateLimited: number;
  }) =>
    [
      "📊 <b>Thống kê</b>",
      `Câu hỏi: ${s.questions} (7 ngày qua: ${s.last7Days})`,
      `Trả lời được: ${s.found}${s.questions > 0 ? ` (${Math.round((100 * s.found) / s.questions)}%)` : ""}`,
      `Góp ý: 👍 ${s.up} · 👎 ${s.down}`,
      `Kho: ${s.articleCount} bài viết`,
      `Tin nhắn bị bỏ qua vì gửi quá nhanh (từ khi khởi động): ${s.rateLimited}`,
      ...(s.recentUnanswered.length
        ? [
            "",
            "<b>Câu hỏi chưa trả lời được gần đây:</b>",
            ...s.recentUnanswered.map((q) => `• ${escapeHtml(q)}`),
          ]
        : []),
    ].join("\n"),

  console: {
    intro:
      'Hỏi CCHC: trò chuyện ngay trong terminal (chưa đặt TELEGRAM_BOT_TOKEN).\nGõ câu hỏi rồi Enter; /help để xem lệnh; #1, #2… để bấm nút; Ctrl+D để thoát.\nTin nhắn nhiều dòng (như /add kèm bài viết) đặt giữa hai dòng """. Gửi tệp: /upload ‹đường dẫn›, các dòng sau là chú thích.',
    prompt: "Bạn: ",
    continuation: "… ",
    uploadUsage: 'Cú pháp: /upload ‹đường dẫn tệp›; các dòng sau (giữa hai dòng """) là chú thích của tệp.',
    noSuchFile: (file: string) => `Không đọc được tệp “${file}”.`,
    bot: "Bot: ",
    edited: "Bot (sửa): ",
    buttons: "Nút: ",
    noSuchButton: "Không có nút này.",
  },
} as const;
