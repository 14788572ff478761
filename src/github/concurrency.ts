// Adaptive concurrency (AIMD, as TCP congestion control): halve on each
// secondary-limit hit, then add one slot per `increaseEvery` successes until
// the configured maximum is back — the plan's "graceful degradation".

export interface ConcurrencyChange {
  from: number;
  to: number;
  reason: "secondary-rate-limit" | "recovered" | "configured";
}

export class AdaptiveConcurrency {
  private maximum: number;
  private value: number;
  private successes = 0;
  /** Admissions made up to the last decrease: hits on those belong to the same episode. */
  private admittedAtDecrease = 0;

  constructor(
    maximum: number,
    private readonly increaseEvery: number,
    private readonly onChange: (change: ConcurrencyChange) => void,
  ) {
    this.maximum = validConcurrency(maximum);
    this.value = this.maximum;
  }

  get current(): number {
    return this.value;
  }

  get max(): number {
    return this.maximum;
  }

  set(maximum: number): void {
    const from = this.value;
    this.maximum = validConcurrency(maximum);
    this.value = this.maximum;
    this.successes = 0;
    if (from !== this.value) this.onChange({ from, to: this.value, reason: "configured" });
  }

  /**
   * A secondary limit hit the `admission`-th admitted request; `admitted` is
   * the number admitted so far. Requests already sent when the limit was last
   * lowered do not lower it again: a burst of rejections is one signal, not many.
   */
  onSecondaryLimit(admission: number, admitted: number): void {
    if (admission <= this.admittedAtDecrease) return;
    this.admittedAtDecrease = admitted;
    this.successes = 0;
    const from = this.value;
    this.value = Math.max(1, Math.floor(this.value / 2));
    if (from !== this.value) this.onChange({ from, to: this.value, reason: "secondary-rate-limit" });
  }

  onSuccess(): void {
    if (this.value >= this.maximum) return;
    this.successes++;
    if (this.successes < this.increaseEvery) return;
    this.successes = 0;
    const from = this.value;
    this.value++;
    this.onChange({ from, to: this.value, reason: "recovered" });
  }
}

function validConcurrency(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`concurrency must be a positive integer, got ${n}`);
  return n;
}
