// A fixed pool of workers taking tasks in submission order, as Python's
// ThreadPoolExecutor(max_workers=6) did in the phase-based save: a task holds
// its worker until it is done, whatever it waits for.

export interface PoolTask<T> {
  name: string;
  run(): Promise<T>;
}

export type PoolEvent =
  | { type: "started"; task: string; at: Date }
  | { type: "succeeded"; task: string; at: Date }
  | { type: "failed"; task: string; at: Date; error: string };

export type PoolOutcome<T> =
  | { name: string; ok: true; value: T }
  | { name: string; ok: false; error: unknown };

/** Runs every task with at most `workers` at once; failures are reported, not thrown. */
export async function runPool<T>(
  tasks: readonly PoolTask<T>[],
  workers: number,
  onEvent: (event: PoolEvent) => void = () => {},
): Promise<PoolOutcome<T>[]> {
  const outcomes: PoolOutcome<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index] as PoolTask<T>;
      onEvent({ type: "started", task: task.name, at: new Date() });
      try {
        const value = await task.run();
        outcomes[index] = { name: task.name, ok: true, value };
        onEvent({ type: "succeeded", task: task.name, at: new Date() });
      } catch (error) {
        outcomes[index] = { name: task.name, ok: false, error };
        onEvent({
          type: "failed",
          task: task.name,
          at: new Date(),
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, tasks.length)) }, () => worker()));
  return outcomes;
}
