// Preloaded into a measured child (`node --import <this> …`): samples memory
// every 100 ms and, when the process exits, writes its peak resident set size
// (and what the heap, buffers and external memory held at the sampled peak)
// to the file named by BENCH_RSS_FILE. The program itself runs unchanged.
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RSS_FILE;
if (target) {
  let peak = { at: Date.now(), ...process.memoryUsage() };
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = { at: Date.now(), ...now };
  }, 100);
  timer.unref();
  process.on("exit", () => {
    // resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss on Linux).
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssBytes: usage.maxRSS * 1024,
        cpuUserUs: usage.userCPUTime,
        cpuSystemUs: usage.systemCPUTime,
        peak,
      }),
    );
  });
}
