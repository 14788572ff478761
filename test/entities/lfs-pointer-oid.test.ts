// The pointers an incremental save finds itself must include every one
// git-lfs takes as a pointer (a missed one would be dropped from the backup):
// checked against git-lfs's own `git lfs pointer --check`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pointerOid } from "../../src/entities/lfs_objects/pointer-scan.js";

const OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
const V1 = "version https://git-lfs.github.com/spec/v1";
const TEXTS = [
  `${V1}\noid sha256:${OID}\nsize 12345\n`,
  `${V1}\r\noid sha256:${OID}\r\nsize 12345\r\n`,
  `${V1}\noid sha256:${OID}\nsize 12345`,
  `${V1}\next-0-foo sha256:${OID}\noid sha256:${OID}\nsize 12345\n`,
  `version https://hawser.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`,
  `${V1}\noid sha256:${OID.toUpperCase()}\nsize 12345\n`,
  `${V1}\noid  sha256:${OID}\nsize 12345\n`,
  `${V1}\noid sha256:${OID} \nsize 12345\n`,
  `${V1}\nsize 12345\noid sha256:${OID}\n`,
  `just text naming oid sha256:${OID}\n`,
];

const dir = mkdtempSync(join(tmpdir(), "gd-lfs-pointer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gitLfsTakes(text: string): boolean {
  const file = join(dir, "pointer");
  writeFileSync(file, text);
  try {
    execFileSync("git", ["lfs", "pointer", "--check", "--file", file], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("pointerOid", () => {
  it("names the oid of every text git-lfs takes as a pointer", () => {
    const taken = TEXTS.filter(gitLfsTakes);
    expect(taken.length).toBeGreaterThanOrEqual(3);
    for (const text of taken) expect([text, pointerOid(text)]).toEqual([text, OID]);
  });
  it("names none where there is no oid line", () => {
    expect(pointerOid(`${V1}\nsize 12345\n`)).toBeUndefined();
    expect(pointerOid("# a README\n")).toBeUndefined();
  });
});
