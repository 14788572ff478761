// Preloaded into a measured child (`node --import <this> …`): samples memory
// every 100 ms and, when the process exits, writes its peak resident set size
// (and what the heap, buffers and external memory held at the sampled peak)
// to the file named by BENCH_RSS_FILE, with the CPU time of the process and
// of the children it has waited for (git and its helpers). The program itself
// runs unchanged.
import { readFileSync, writeFileSync } from "node:fs";

/** Linux's clock ticks per second (USER_HZ), the unit of /proc/self/stat's times. */
const USER_HZ = 100;

/** User + system CPU of the finished children (git, with its own children), in µs; null off Linux. */
function childrenCpuUs(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the parenthesised command name: state is field 3; cutime and cstime are 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cutime = Number(fields[13]);
    const cstime = Number(fields[14]);
    if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) return null;
    return ((cutime + cstime) * 1_000_000) / USER_HZ;
  } catch {
    return null;
  }
}

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
        cpuChildrenUs: childrenCpuUs(),
        peak,
      }),
    );
  });
}
