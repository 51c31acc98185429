import { createInterface } from "node:readline";
import type { Bot, Transformer } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User } from "grammy/types";
import { botText } from "../messages.js";
import { makeBotInfo } from "./bot-info.js";
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
}

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
      default:
        // sendChatAction, setMyCommands, deleteMessage…: nothing to show in a terminal.
        return ok(true);
    }
  });

  const messageUpdate = (text: string): Update => {
    const command = /^\/\S+/.exec(text)?.[0];
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: user,
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    };
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

  write(botText.console.intro);
  const rl = createInterface({
    input: options.input,
    ...(options.interactive ? { output: options.output, terminal: true } : { terminal: false }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  // Ctrl+C ends the chat like Ctrl+D (readline would otherwise only pause the input).
  rl.on("SIGINT", () => rl.close());
  const prompt = () => {
    if (!options.interactive) return;
    output.write("\n");
    rl.setPrompt(botText.console.prompt);
    rl.prompt();
  };
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (!text) {
      prompt();
      continue;
    }
    if (!options.interactive) write(`\n${botText.console.prompt}${text}`);
    const press = /^#(\d+)$/.exec(text);
    if (press) {
      const button = buttons[Number(press[1]) - 1];
      if (button) await bot.handleUpdate(pressUpdate(button));
      else write(botText.console.noSuchButton);
    } else {
      await bot.handleUpdate(messageUpdate(text));
    }
    prompt();
  }
}
