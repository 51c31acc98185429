import type { Api } from "grammy";

export type Download = { status: "ok"; bytes: Uint8Array } | { status: "too-large"; size: number };

/**
 * Downloads a file the bot received. The URL is built from the Bot API root, so it works with
 * api.telegram.org, a self-hosted Bot API server and the test stand-in alike. The size is checked
 * from Telegram's metadata first and again while reading, so an oversized file is never held whole.
 */
export async function downloadFile(
  api: Api,
  apiRoot: string,
  fileId: string,
  maxBytes: number,
  timeoutMs = 30_000,
): Promise<Download> {
  const file = await api.getFile(fileId);
  if (file.file_size !== undefined && file.file_size > maxBytes)
    return { status: "too-large", size: file.file_size };
  if (!file.file_path) throw new Error("Telegram returned no file_path for the document");
  // The URL holds the bot token: it must never appear in an error message or a log line.
  const response = await fetch(`${apiRoot}/file/bot${api.token}/${file.file_path}`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok || !response.body) throw new Error(`file download failed with HTTP ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    // Leaving the loop cancels the stream: the rest is never downloaded.
    if (size > maxBytes) return { status: "too-large", size };
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { status: "ok", bytes };
}
