import { spawn } from "node:child_process";
import { mkdir, readFile, rename, rm, stat, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createApp } from "../../src/main.js";
import { botText } from "../../src/messages.js";
import { openIndex } from "../../src/retrieval/index-store.js";
import { StorageError } from "../../src/storage-error.js";
import { ADMIN, createHarness, privateOf } from "../bot/support/harness.js";
import { until } from "../bot/support/until.js";
import { fixture, itemAt, ROOT } from "../fixtures/support.js";
import { type RealApp, realApp, snapshot, temp } from "./support/real-app.js";

/**
 * A damaged index is detected at load and rebuilt from the corpus; a folder that cannot be written
 * gives an error naming it, and the previous index keeps serving.
 */

afterAll(() => temp.cleanup());

const QUESTIONS = [
  "Lào Cai đã cắt giảm bao nhiêu TTHC?",
  "Chỉ số cải cách hành chính năm 2022 của tỉnh Sơn La đạt bao nhiêu phần trăm?",
];

async function answersOf(real: Pick<RealApp, "app">) {
  return Promise.all(
    QUESTIONS.map(async (q) => {
      const { answer, citations } = await real.app.assistant.ask(q);
      return { answer, citations: citations.map((c) => `${c.articleId}: ${c.text}`) };
    }),
  );
}

const generationOf = async (indexDir: string) =>
  path.join(indexDir, (await readFile(path.join(indexDir, "CURRENT"), "utf8")).trim());

/** The generation's data files (those the manifest holds checksums of), largest first. */
async function dataFiles(gen: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(gen, "manifest.json"), "utf8")) as {
    checksums: Record<string, string>;
  };
  const sized = await Promise.all(
    Object.keys(manifest.checksums).map(async (name) => ({
      name,
      size: (await stat(path.join(gen, name))).size,
    })),
  );
  return sized.sort((a, b) => b.size - a.size).map((f) => f.name);
}

describe("a corrupt or truncated index", () => {
  it.each([
    [
      "a truncated data file",
      async (gen: string) => {
        const largest = itemAt(await dataFiles(gen), 0);
        await truncate(path.join(gen, largest), 64);
        return largest;
      },
    ],
    [
      "one changed byte in a data file",
      async (gen: string) => {
        const name = itemAt(await dataFiles(gen), 1);
        const bytes = await readFile(path.join(gen, name));
        const middle = Math.floor(bytes.length / 2);
        bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
        await writeFile(path.join(gen, name), bytes);
        return name;
      },
    ],
    [
      "a missing data file",
      async (gen: string) => {
        const name = itemAt(await dataFiles(gen), -1);
        await rm(path.join(gen, name));
        return name;
      },
    ],
    [
      "a garbled manifest",
      async (gen: string) => {
        await writeFile(path.join(gen, "manifest.json"), '{"format": 1, "che');
        return "manifest";
      },
    ],
    [
      "a generation folder gone",
      async (gen: string) => {
        await rm(gen, { recursive: true });
        return "manifest";
      },
    ],
  ])("%s is detected at load, logged, and rebuilt from the corpus", async (_name, damage) => {
    const real = await realApp();
    const before = await answersOf(real);
    const { manifest } = real.app.index.current();
    const named = await damage(await generationOf(real.indexDir));

    const lines: Array<{ level: number; msg: string; err?: { message?: string } }> = [];
    const logger = createLogger("info", { write: (l: string) => void lines.push(JSON.parse(l)) });
    const next = { app: createApp(real.config, { logger }) };
    const loaded = await next.app.index.ready();
    const logged = lines.find((l) => l.level >= 50);
    expect(logged?.msg).toBe("index is corrupt: rebuilding it from the corpus");
    expect(logged?.err?.message).toContain(named);
    expect(loaded.manifest.builtAt).not.toBe(manifest.builtAt);
    expect(loaded.manifest).toMatchObject({
      articleCount: manifest.articleCount,
      chunkCount: manifest.chunkCount,
    });
    expect(await answersOf(next)).toEqual(before);
    expect((await openIndex(real.indexDir))?.manifest.builtAt).toBe(loaded.manifest.builtAt);
  });
});

describe("a data folder that cannot be written", () => {
  /** The index folder's parent replaced by a regular file: as root, chmod cannot make a folder read-only. */
  async function breakFolder(parent: string) {
    await rename(parent, `${parent}.bak`);
    await writeFile(parent, "not a folder");
    return async () => {
      await rm(parent);
      await rename(`${parent}.bak`, parent);
    };
  }

  it("a rebuild fails with a StorageError naming the index folder; the old index keeps serving", async () => {
    const root = await temp.make();
    const real = await realApp({ env: { INDEX_DIR: path.join(root, "state", "index") } });
    const before = await answersOf(real);
    const old = real.app.index.current();
    const corpus = await snapshot(real.corpusDir);

    const restore = await breakFolder(path.join(root, "state"));
    const error = await real.app.assistant.reindex().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).folder).toBe(real.indexDir);
    expect((error as Error).message).toBe(
      `Cannot write the index in ${real.indexDir}: a path component is not a folder`,
    );
    expect(real.app.index.current()).toBe(old);
    expect(real.app.assistant.status().rebuilding).toBe(false);
    expect(await answersOf(real)).toEqual(before);
    await restore();

    expect((await openIndex(real.indexDir))?.manifest).toEqual(old.manifest);
    expect(await snapshot(real.corpusDir)).toEqual(corpus);
  });

  it("/reindex then tells the admin, in Vietnamese, which folder and why, not a stack trace", async () => {
    const root = await temp.make();
    const real = await realApp({ env: { INDEX_DIR: path.join(root, "state", "index") } });
    const h = createHarness({ assistant: real.app.assistant });
    const restore = await breakFolder(path.join(root, "state"));
    await h.text(ADMIN, privateOf(ADMIN), "/reindex");
    await until(() => h.sent("editMessageText").some((c) => String(c.payload.text).startsWith("❌")), 10_000);
    await restore();
    const final = String(h.sent("editMessageText").at(-1)?.payload.text);
    expect(final).toBe(botText.reindex.storageFailed(real.indexDir, "ENOTDIR"));
    expect(final).toContain(`không ghi được vào thư mục <code>${real.indexDir}</code>`);
    expect(final).toContain("một phần của đường dẫn không phải là thư mục");
    expect(final).not.toMatch(/Error|\n\s+at /);
  });

  it("an upload into an unwritable corpus folder is refused with the folder named, and nothing changes", async () => {
    const root = await temp.make();
    const seed = await realApp();
    const corpusDir = path.join(root, "library", "corpus");
    await mkdir(path.dirname(corpusDir));
    await rename(seed.corpusDir, corpusDir);
    const real = await realApp({ env: { CORPUS_DIR: corpusDir } });
    const h = createHarness({ assistant: real.app.assistant });
    const status = real.app.assistant.status();

    const restore = await breakFolder(path.join(root, "library"));
    await h.text(
      ADMIN,
      privateOf(ADMIN),
      "/add Quảng Bình số hoá 96% hồ sơ thủ tục hành chính cấp huyện trong năm 2024.",
    );
    await restore();
    expect(h.texts().at(-1)).toBe(botText.upload.storageFailed(corpusDir, "ENOTDIR"));
    expect(real.app.assistant.status()).toEqual(status);
    expect((await openIndex(real.indexDir))?.manifest).toEqual(real.app.index.current().manifest);
  });

  it("an upload whose index update fails is taken out of the corpus again: the folder is named, nothing changes", async () => {
    const root = await temp.make();
    const real = await realApp({ env: { INDEX_DIR: path.join(root, "state", "index") } });
    const h = createHarness({ assistant: real.app.assistant });
    const status = real.app.assistant.status();
    const corpus = await snapshot(real.corpusDir);
    const before = await answersOf(real);

    const restore = await breakFolder(path.join(root, "state"));
    await h.text(ADMIN, privateOf(ADMIN), `/add ${(await fixture("new-article.txt")).toString("utf8")}`);
    expect(h.texts().at(-1)).toBe(botText.upload.storageFailed(real.indexDir, "ENOTDIR"));
    expect(await snapshot(real.corpusDir)).toEqual(corpus);
    expect(real.app.assistant.status()).toEqual(status);
    expect(await answersOf(real)).toEqual(before);
    const missing = await real.app.assistant.ask("Bình Định đã lắp đặt bao nhiêu máy tra cứu hồ sơ tự động?");
    expect(missing.found).toBe(false);
    await restore();
    expect((await openIndex(real.indexDir))?.manifest).toEqual(real.app.index.current().manifest);
  });

  // A failed upload was served for a moment: its chunks stay under their labels, tombstoned, so no
  // vector is left without its chunk and the next addition's labels stay in step.
  it("a failed upload leaves no orphan vector in the serving index", async () => {
    const root = await temp.make();
    const real = await realApp({ env: { INDEX_DIR: path.join(root, "state", "index") } });
    const { chunkCount } = real.app.assistant.status();
    const restore = await breakFolder(path.join(root, "state"));
    const result = await real.app.assistant
      .addArticle({ fileName: "binh-dinh.txt", bytes: await fixture("new-article.txt") })
      .catch((e: unknown) => e);
    await restore();
    expect(result).toBeInstanceOf(StorageError);
    const served = real.app.index.current();
    expect(served.vectors.count).toBe(served.chunks.length);
    expect(served.lexical.size).toBe(served.chunks.length);
    expect(real.app.assistant.status().chunkCount).toBe(chunkCount);
    expect(served.articles.map((a) => a.id)).not.toContain("binh-dinh");
    const added = await real.app.assistant.addArticle({
      fileName: "binh-dinh.txt",
      bytes: await fixture("new-article.txt"),
    });
    expect(added.status).toBe("added");
    const answer = await real.app.assistant.ask("Bình Định đã lắp đặt bao nhiêu máy tra cứu hồ sơ tự động?");
    expect(answer.found).toBe(true);
  });

  it("`npm run ingest` into a folder under /sys (not writable, even by root) names the folder", async () => {
    const dir = await temp.make();
    const indexDir = "/sys/hoi-cchc-robustness/index";
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        path.join(ROOT, "node_modules", ".bin", "tsx"),
        ["src/cli/ingest.ts", "--index", indexDir],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? "",
            HOME: os.tmpdir(),
            DATA_DIR: dir,
            CORPUS_DIR: path.join(ROOT, "data", "corpus"),
          },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let err = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        err += d;
      });
      child.on("error", reject);
      child.on("close", (exit) => resolve({ code: exit, stderr: err }));
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `Cannot write the index in ${indexDir}: (operation not permitted|the file system is read-only|permission denied)\\. The previous index, if any, keeps serving\\.`,
      ),
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
