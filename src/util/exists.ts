import { stat } from "node:fs/promises";

/** Whether anything (file, folder, …) is at `path`; an unreadable path counts as absent. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
