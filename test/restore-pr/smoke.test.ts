import { afterAll, expect, it } from "vitest";
import { startFake, removeTempDirs, restore, restoreRequest, saveBackup, writeRequests, makeEveryoneAssignable } from "./helpers.js";

afterAll(removeTempDirs);

it("smoke", async () => {
  const fake = await startFake("tricky");
  try {
    makeEveryoneAssignable(fake.store);
    const dir = await saveBackup(fake);
    fake.resetStats();
    const result = await restore(restoreRequest(fake, dir, "restored"));
    console.log(JSON.stringify(result.results, null, 1), result.warnings);
    console.log(writeRequests(fake));
    fake.resetStats();
    const again = await restore(restoreRequest(fake, dir, "restored"));
    console.log(JSON.stringify(again.results.map((r) => [r.name, r.status, r.records, r.skipped, r.failed])), again.warnings);
    console.log(writeRequests(fake));
    expect(result.exitCode).toBe(0);
  } finally {
    await fake.close();
  }
}, 60000);
