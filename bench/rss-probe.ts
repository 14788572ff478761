// Preloaded into a measured child (`node --import <this> …`): when the process
// exits, it writes its peak resident set size to the file named by
// BENCH_RSS_FILE. The program itself runs unchanged.
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    // resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss on Linux).
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssBytes: usage.maxRSS * 1024,
        cpuUserUs: usage.userCPUTime,
        cpuSystemUs: usage.systemCPUTime,
      }),
    );
  });
}
