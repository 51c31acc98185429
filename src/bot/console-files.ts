import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface ConsoleFile {
  fileId: string;
  fileName: string;
  size: number;
}

/**
 * Files "sent" in the console chat (/upload ‹path›), served to the bot the way Telegram serves a
 * document: over HTTP at `${apiRoot}/file/bot<token>/<file_path>` on 127.0.0.1, so an upload takes
 * the same route (getFile, then a download with its size checks) as on Telegram. Only files
 * registered by /upload are served, under random ids.
 */
export interface ConsoleFiles {
  /** The Bot API root to give the console bot; only its /file/ paths are ever requested. */
  apiRoot: string;
  /** Registers a local file; undefined when it is not a readable file. */
  register(file: string): Promise<ConsoleFile | undefined>;
  /** The registered file with that id, for getFile. */
  lookup(fileId: string): ConsoleFile | undefined;
  close(): Promise<void>;
}

export async function serveConsoleFiles(): Promise<ConsoleFiles> {
  const files = new Map<string, ConsoleFile & { path: string }>();
  const server = createServer((req, res) => {
    const id = /^\/file\/bot[^/]+\/([a-f0-9]+)$/.exec(req.url ?? "")?.[1];
    const file = id ? files.get(id) : undefined;
    if (req.method !== "GET" || !file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.size });
    createReadStream(file.path)
      .on("error", () => res.destroy())
      .pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    async register(file) {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      const entry = {
        fileId: randomBytes(8).toString("hex"),
        fileName: path.basename(file),
        size: info.size,
        path: path.resolve(file),
      };
      files.set(entry.fileId, entry);
      return { fileId: entry.fileId, fileName: entry.fileName, size: entry.size };
    },
    lookup: (fileId) => files.get(fileId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
