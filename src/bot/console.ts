import { createInterface } from "node:readline";
import type { Bot, Transformer } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User } from "grammy/types";
import { botText } from "../messages.js";
import { makeBotInfo } from "./bot-info.js";
import type { ConsoleFiles } from "./console-files.js";
import type { Context } from "./context.js";
import { htmlToPlain } from "./format/html.js";

/** Who the bot is in the console chat (no getMe: there is no token and no network). */
export const CONSOLE_BOT_INFO = makeBotInfo(1, "hoi_cchc_bot", "Hỏi CCHC");
/** Any well-formed token: nothing is ever sent to Telegram in the console chat. */
export const CONSOLE_TOKEN = "1:console-chat-no-telegram";

export interface ConsoleChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal: show a prompt. Otherwise lines are read, each answered, and the chat ends at EOF. */
  interactive: boolean;
  /** The person typing (an admin id lets them try the admin commands). */
  userId: number;
  /** Serves the files sent with /upload ‹path›; the bot must have been created with its apiRoot. */
  files?: ConsoleFiles;
}

/** A line of its own that starts or ends a message of several lines. */
const FENCE = '"""';

interface Button {
  text: string;
  data: string;
  messageId: number;
}

type AnyResult = Awaited<ReturnType<Transformer>>;
const ok = (result: unknown) => ({ ok: true, result }) as unknown as AnyResult;

/**
 * A chat with the bot in the terminal, through the same handlers as on Telegram: each line becomes
 * an update for `bot.handleUpdate`, and an API transformer prints what the bot sends (HTML turned
 * into plain text) instead of calling Telegram. Buttons are pressed by typing #1, #2…
 */
export async function runConsoleChat(bot: Bot<Context>, options: ConsoleChatOptions): Promise<void> {
  const { output } = options;
  const user: User = { id: options.userId, is_bot: false, first_name: "Bạn" };
  const chat = { id: options.userId, type: "private" as const, first_name: "Bạn" };
  let nextMessageId = 1;
  let nextUpdateId = 1;
  let buttons: Button[] = [];
  const write = (text: string) => output.write(`${text}\n`);

  const showButtons = (markup: InlineKeyboardMarkup | undefined, messageId: number) => {
    const flat = (markup?.inline_keyboard ?? [])
      .flat()
      .filter((b): b is InlineKeyboardButton.CallbackButton => "callback_data" in b);
    if (flat.length === 0) return;
    buttons = flat.map((b) => ({ text: b.text, data: b.callback_data, messageId }));
    write(`${botText.console.buttons}${buttons.map((b, i) => `[#${i + 1} ${b.text}]`).join(" ")}`);
  };
  const plain = (text: string, parseMode: unknown) => (parseMode === "HTML" ? htmlToPlain(text) : text);

  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
    switch (method) {
      case "sendMessage": {
        const messageId = nextMessageId++;
        write(`\n${botText.console.bot}${plain(String(p.text), p.parse_mode)}`);
        showButtons(markup, messageId);
        const message: Message.TextMessage = {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat,
          from: CONSOLE_BOT_INFO,
          text: String(p.text),
        };
        return ok(message);
      }
      case "editMessageText":
        write(`\n${botText.console.edited}${plain(String(p.text), p.parse_mode)}`);
        showButtons(markup, Number(p.message_id));
        return ok(true);
      case "editMessageReplyMarkup":
        showButtons(markup, Number(p.message_id));
        return ok(true);
      case "answerCallbackQuery":
        if (typeof p.text === "string") write(`${botText.console.bot}${p.text}`);
        return ok(true);
      case "getMe":
        return ok(CONSOLE_BOT_INFO);
      case "getFile": {
        const file = options.files?.lookup(String(p.file_id));
        if (!file) {
          return { ok: false, error_code: 400, description: "Bad Request: invalid file_id" } as AnyResult;
        }
        return ok({
          file_id: file.fileId,
          file_unique_id: file.fileId,
          file_size: file.size,
          file_path: file.fileId,
        });
      }
      default:
        // sendChatAction, setMyCommands, deleteMessage…: nothing to show in a terminal.
        return ok(true);
    }
  });

  /** A message from the user; `content` is its text or its document. */
  const userMessage = (content: Partial<Message>): Update =>
    ({
      update_id: nextUpdateId++,
      message: {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: user,
        ...content,
      },
    }) as Update;
  const messageUpdate = (text: string): Update => {
    const command = /^\/\S+/.exec(text)?.[0];
    return userMessage({
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
    });
  };
  const pressUpdate = (button: Button): Update => ({
    update_id: nextUpdateId++,
    callback_query: {
      id: String(nextUpdateId),
      from: user,
      chat_instance: "console",
      data: button.data,
      message: {
        message_id: button.messageId,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: CONSOLE_BOT_INFO,
        text: "",
      },
    },
  });

  /** `/upload ‹path›`, with the caption (metadata lines) on the lines after it. */
  const documentUpdate = async (text: string): Promise<Update | undefined> => {
    const [first = "", ...caption] = text.split("\n");
    const file = first.replace(/^\/upload(@\S+)?/, "").trim();
    if (!file) {
      write(botText.console.uploadUsage);
      return undefined;
    }
    const found = options.files ? await options.files.register(file) : undefined;
    if (!found) {
      write(botText.console.noSuchFile(file));
      return undefined;
    }
    const captionText = caption.join("\n").trim();
    return userMessage({
      document: {
        file_id: found.fileId,
        file_unique_id: found.fileId,
        file_name: found.fileName,
        file_size: found.size,
      },
      ...(captionText ? { caption: captionText } : {}),
    });
  };

  /** One message from the user: a button press, a file, or text for the bot. */
  const handle = async (text: string) => {
    if (!options.interactive) write(`\n${botText.console.prompt}${text}`);
    const press = /^#(\d+)$/.exec(text);
    if (press) {
      const button = buttons[Number(press[1]) - 1];
      if (button) await bot.handleUpdate(pressUpdate(button));
      else write(botText.console.noSuchButton);
    } else if (/^\/upload(@\S+)?(\s|$)/.test(text)) {
      const update = await documentUpdate(text);
      if (update) await bot.handleUpdate(update);
    } else {
      await bot.handleUpdate(messageUpdate(text));
    }
  };

  write(botText.console.intro);
  const rl = createInterface({
    input: options.input,
    ...(options.interactive ? { output: options.output, terminal: true } : { terminal: false }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  // Ctrl+C ends the chat like Ctrl+D (readline would otherwise only pause the input).
  rl.on("SIGINT", () => rl.close());
  // The lines of a message typed between two """ lines, once the first one is seen.
  let block: string[] | undefined;
  const prompt = () => {
    if (!options.interactive) return;
    if (!block) output.write("\n");
    rl.setPrompt(block ? botText.console.continuation : botText.console.prompt);
    rl.prompt();
  };
  prompt();
  for await (const line of rl) {
    if (block) {
      if (line.trim() === FENCE) {
        const text = block.join("\n").trim();
        block = undefined;
        if (text) await handle(text);
      } else {
        block.push(line);
      }
      prompt();
      continue;
    }
    const text = line.trim();
    // `"""` alone, or after the start of the message ("/add """"), opens a message of several lines.
    if (text.endsWith(FENCE)) {
      const start = text.slice(0, -FENCE.length).trim();
      block = start ? [start] : [];
      prompt();
      continue;
    }
    if (text) await handle(text);
    prompt();
  }
  // A message left open when the input ends is sent as it is, not lost.
  const rest = block?.join("\n").trim();
  if (rest) await handle(rest);
}
