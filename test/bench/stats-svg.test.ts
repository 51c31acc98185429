import { describe, expect, it } from "vitest";
import { checkTargets, markdownTable } from "../../bench/report.js";
import { formatBytes, percentile, stageClock, summarize, tallyReplies } from "../../bench/stats.js";
import { escapeXml, niceTicks, renderDashboard } from "../../bench/svg.js";

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 100)).toBe(10);
    expect(percentile(xs, 50)).toBeCloseTo(5.5);
    expect(percentile(xs, 95)).toBeCloseTo(9.55);
    expect(percentile([7], 99)).toBe(7);
  });

  it("does not depend on input order and leaves the input alone", () => {
    const xs = [9, 1, 5, 3, 7];
    expect(percentile(xs, 50)).toBe(5);
    expect(xs).toEqual([9, 1, 5, 3, 7]);
  });

  it("is NaN for no samples and refuses a percentile outside 0–100", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("gives count, mean, p50, p95, p99 and max", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    const s = summarize(xs);
    expect(s.n).toBe(100);
    expect(s.mean).toBeCloseTo(50.5);
    expect(s.p50).toBeCloseTo(50.5);
    expect(s.p95).toBeCloseTo(95.05);
    expect(s.p99).toBeCloseTo(99.01);
    expect(s.max).toBe(100);
    expect(summarize([]).n).toBe(0);
  });
});

describe("stageClock", () => {
  it("attributes time to the stage that was running", () => {
    const clock = stageClock();
    clock.mark("a");
    clock.mark("a");
    clock.mark("b");
    const stages = clock.stop();
    expect(Object.keys(stages)).toEqual(["a", "b"]);
    expect(Object.values(stages).every((ms) => ms >= 0)).toBe(true);
  });
});

describe("formatting", () => {
  it("writes sizes in binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536 * 1024 * 1024)).toBe("1.50 GiB");
  });

  it("matches each chat's replies to its questions in order: answered, lost, duplicated and each latency", () => {
    const sent = new Map([
      [1, [0, 10]],
      [2, [5]],
      [3, [7]],
    ]);
    const replied = new Map([
      [1, [100, 150]],
      [2, [40, 60]],
    ]);
    expect(tallyReplies([1, 2, 3], sent, replied)).toEqual({
      answered: 3,
      lost: 1,
      duplicated: 1,
      latencies: [100, 140, 35],
    });
  });

  it("aligns a Markdown table", () => {
    const t = markdownTable(
      ["a", "bb"],
      [
        ["x", "1"],
        ["yyy", "22"],
      ],
      ["l", "r"],
    );
    expect(t.split("\n")).toEqual(["| a   | bb |", "|-----|---:|", "| x   |  1 |", "| yyy | 22 |"]);
  });

  it("judges no target without scale figures", () => {
    expect(checkTargets({ mode: "quick" })).toEqual([]);
  });

  it("judges the propagation between replicas on the additions the first replica cites, and fails one never seen", () => {
    const sample = (answerableMs: number | null, citedOnA = true) => ({
      article: "g1",
      appliedMs: 100,
      answerableMs,
      citedOnA,
    });
    const replicas = (samples: ReturnType<typeof sample>[]) => {
      const answered = samples.flatMap((s) => (s.answerableMs === null ? [] : [s.answerableMs]));
      return {
        articles: 305,
        redis: "not used",
        startMs: [1, 1],
        runs: [],
        propagation: { samples, applied: summarize([100]), answerable: summarize(answered), pollMs: 50 },
        settings: {},
      };
    };
    const judge = (samples: ReturnType<typeof sample>[]) =>
      checkTargets({ mode: "quick", replicas: replicas(samples) })[0]?.met;
    expect(judge([sample(300), sample(900)])).toBe(true);
    expect(judge([sample(300), sample(2_500)])).toBe(false);
    expect(judge([sample(300), sample(null)])).toBe(false);
    // A retrieval miss (not cited on A either) is no delay.
    expect(judge([sample(300), sample(null, false)])).toBe(true);
    expect(judge([sample(null, false)])).toBeNull();
    expect(checkTargets({ mode: "quick", replicas: { skipped: "no PostgreSQL" } })).toEqual([]);
  });
});

describe("the SVG writer", () => {
  const svg = renderDashboard({
    title: "Benchmark <test> & co",
    subtitle: "2 cores",
    panels: [
      {
        kind: "bar",
        title: "Quality",
        yLabel: "share (%)",
        yMax: 1,
        categories: ["hit@1", "hit@5"],
        series: [
          { name: "hybrid", values: [0.8, 1] },
          { name: "MiniSearch", values: [0.5, null] },
        ],
        valueLabels: true,
      },
      {
        kind: "line",
        title: "Latency",
        x: [1000, 10000, 50000],
        xLog: true,
        xLabel: "articles",
        yLabel: "latency (ms)",
        series: [{ name: "p95", values: [10, 20, 40] }],
        targets: [{ value: 100, label: "target 100 ms" }],
      },
    ],
  });

  it("is one well-formed SVG document", () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.trim().endsWith("</svg>")).toBe(true);
    // Every element opened is closed, in order.
    const stack: string[] = [];
    for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = m;
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name as string);
    }
    expect(stack).toEqual([]);
    // No raw ampersand or angle bracket leaks from text.
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it("labels titles, axes, units, legend and targets", () => {
    expect(svg).toContain("Benchmark &lt;test&gt; &amp; co");
    for (const label of [
      "Quality",
      "Latency",
      "share (%)",
      "latency (ms)",
      "articles (log scale)",
      "hybrid",
      "MiniSearch",
      "p95",
      "target 100 ms",
      "hit@5",
      "10,000",
    ]) {
      expect(svg).toContain(label);
    }
    expect(svg).toContain("<polyline");
    expect((svg.match(/<rect [^>]*fill="#/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it("picks round ticks and escapes XML", () => {
    expect(niceTicks(100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.93, 5).at(-1)).toBeGreaterThanOrEqual(0.93);
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });
});
