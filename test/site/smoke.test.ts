import { rmSync } from "node:fs";
import { it } from "vitest";
import { buildSite } from "../../src/site/build-site.js";
import { saveBackup } from "./helpers.js";

it("smoke", async () => {
  rmSync("/tmp/site-smoke", { recursive: true, force: true });
  await saveBackup("tricky", "/tmp/site-smoke/backup");
  console.log(await buildSite({ dir: "/tmp/site-smoke/backup", out: "/tmp/site-smoke/site" }));
}, 120_000);
