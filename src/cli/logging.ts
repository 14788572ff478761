// Text and JSON implementations of the Logger contract. Every line goes
// through `redact` before it is written, and logs go to stderr (the caller
// passes the stream).

import type { LogFields, Logger, LogLevel } from "../util/logger.js";
import type { LogFormat } from "./output.js";

export interface LineStream {
  write(chunk: string): unknown;
}

export interface LoggerOptions {
  format: LogFormat;
  /** Lowest level written. */
  level: LogLevel;
  stream: LineStream;
  redact: (text: string) => string;
  /** Clock, for tests. */
  now?: () => Date;
}

const ORDER: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };
const TEXT_LEVEL: Readonly<Record<LogLevel, string>> = {
  debug: "DEBUG",
  info: "INFO",
  warn: "WARN",
  error: "ERROR",
};

/** Field names whose values are never written, whatever they hold. */
const SECRET_KEY = /token|authorization|password|secret|cookie/i;

export function levelEnabled(threshold: LogLevel, level: LogLevel): boolean {
  return ORDER[level] >= ORDER[threshold];
}

export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => new Date());
  const format = options.format === "json" ? formatJsonLine : formatTextLine;
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (!levelEnabled(options.level, level)) return;
    options.stream.write(`${options.redact(format(now(), level, message, fields))}\n`);
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** `2026-01-01T00:00:00.000Z WARN message key=value key2="two words"` (no newline). */
export function formatTextLine(time: Date, level: LogLevel, message: string, fields?: LogFields): string {
  let line = `${time.toISOString()} ${TEXT_LEVEL[level]} ${oneLine(message)}`;
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    line += ` ${key}=${SECRET_KEY.test(key) ? "[redacted]" : textValue(value)}`;
  }
  return line;
}

/** `{"time":…,"level":"warn","msg":…,…fields}` (no newline). Fields never replace time, level or msg. */
export function formatJsonLine(time: Date, level: LogLevel, message: string, fields?: LogFields): string {
  const record: Record<string, unknown> = { time: time.toISOString(), level, msg: message };
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    const name = key in record ? `field_${key}` : key;
    record[name] = SECRET_KEY.test(key) ? "[redacted]" : value;
  }
  return safeJson(record);
}

function textValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value === null) return "null";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "null" : value.toISOString();
  if (value instanceof Error) return JSON.stringify(oneLine(value.message));
  return safeJson(value);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ");
}

/** JSON.stringify that copes with errors, bigints and cycles instead of throwing. */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === "bigint") return v.toString();
        if (v instanceof Error) return { name: v.name, message: v.message };
        if (v instanceof Set) return [...v];
        if (v instanceof Map) return Object.fromEntries(v);
        if (typeof v === "object" && v !== null) {
          if (seen.has(v)) return "[circular]";
          seen.add(v);
        }
        return v;
      }) ?? "null"
    );
  } catch {
    return '"[unserializable]"';
  }
}
