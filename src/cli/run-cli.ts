// The command line's frame: resolve the configuration, print help or the
// version, set up logging, progress output and interruption, run the chosen
// command's handler, and turn any error into one line and an exit code.

import { EXIT_INTERRUPTED, InterruptedError } from "../errors.js";
import { createRedactor } from "../util/redact.js";
import type { CommandContext, CommandHandler } from "./command-context.js";
import type { CommandHandlers, RunnableCommand } from "./commands/index.js";
import { type Env, resolveConfig } from "./config.js";
import { exitCodeFor, formatError } from "./errors.js";
import { createLogger } from "./logging.js";
import { chooseRendererKind, openRenderer, useColor } from "./render/choose.js";
import type { OutputStream } from "./render/types.js";

export type SignalName = "SIGINT" | "SIGTERM";

export interface SignalSource {
  on(signal: SignalName, listener: () => void): unknown;
  off(signal: SignalName, listener: () => void): unknown;
}

export interface CliIo {
  stdout: OutputStream;
  /** Logs, progress and errors. */
  stderr: OutputStream;
  /** Whether stderr is a terminal (live progress and colors). */
  isTTY: boolean;
  /** Where interrupts come from (default: the process). */
  signals?: SignalSource;
  /** Ends the process at once, on a second interrupt (default: process.exit). */
  exit?: (code: number) => void;
  /** Clock for renderers, for tests. */
  now?: () => number;
}

/** Runs the command line and resolves to the process exit code. Never throws. */
export async function runCli(
  argv: readonly string[],
  env: Env,
  io: CliIo,
  commands: CommandHandlers,
): Promise<number> {
  let redact = createRedactor(secretsIn(env));
  const debug = argv.includes("--verbose") || env.LOG_LEVEL?.trim().toLowerCase() === "debug";

  let config: ReturnType<typeof resolveConfig>;
  try {
    config = resolveConfig(argv, env);
  } catch (err) {
    io.stderr.write(`${formatError(err, { debug, redact })}\n`);
    return exitCodeFor(err);
  }
  if (config.command === "help" || config.command === "version") {
    io.stdout.write(config.text);
    return 0;
  }
  // A token from `gh` is in no environment variable: mask it too.
  if ("tokenSource" in config && config.tokenSource === "gh") {
    redact = createRedactor([...secretsIn(env), config.token]);
  }

  const renderer = await openRenderer(chooseRendererKind({ isTTY: io.isTTY, logFormat: config.logFormat }), {
    stream: io.stderr,
    redact,
    quiet: config.quiet,
    color: useColor(io.isTTY, env),
    ...(io.now ? { now: io.now } : {}),
  });
  // Log lines go through the renderer so they never tear the live display.
  const logger = createLogger({
    format: config.logFormat,
    level: config.logLevel,
    stream: { write: (text: string) => renderer.print(text) },
    redact,
  });

  const controller = new AbortController();
  const signals = io.signals ?? processSignals();
  const exit = io.exit ?? ((code: number) => process.exit(code));
  let interrupts = 0;
  const listeners = (["SIGINT", "SIGTERM"] as const).map((name) => {
    const listener = () => {
      interrupts++;
      if (interrupts === 1) {
        controller.abort(new InterruptedError(`interrupted by ${name}`));
        const resume = config.command === "save" ? "; continue later with --resume" : "";
        renderer.onWarning(`${name}: stopping cleanly${resume}. Press Ctrl-C again to quit at once.`);
        return;
      }
      renderer.dispose();
      io.stderr.write("error: interrupted again; quitting at once\n");
      exit(EXIT_INTERRUPTED);
    };
    signals.on(name, listener);
    return [name, listener] as const;
  });

  try {
    for (const warning of config.warnings) renderer.onWarning(warning);
    logger.debug("configuration", describe(config));
    const context: CommandContext = {
      logger,
      renderer,
      signal: controller.signal,
      redact,
      stdout: io.stdout,
    };
    const code = await dispatch(config, context, commands);
    if (controller.signal.aborted) return EXIT_INTERRUPTED;
    return Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1;
  } catch (err) {
    if (controller.signal.aborted) {
      renderer.dispose();
      return EXIT_INTERRUPTED;
    }
    renderer.dispose();
    io.stderr.write(`${formatError(err, { debug: config.logLevel === "debug", redact })}\n`);
    return exitCodeFor(err);
  } finally {
    for (const [name, listener] of listeners) signals.off(name, listener);
    renderer.dispose();
  }
}

function dispatch(
  config: RunnableCommand,
  context: CommandContext,
  commands: CommandHandlers,
): Promise<number> {
  // Each handler takes its own command's settings, which config.command names.
  const handler = commands[config.command] as CommandHandler<RunnableCommand>;
  return handler(config, context);
}

/** Every value that could be a token, raw and trimmed. */
function secretsIn(env: Env): string[] {
  const secrets: string[] = [];
  for (const name of ["GITHUB_TOKEN", "GH_TOKEN"]) {
    const value = env[name];
    if (value) secrets.push(value, value.trim());
  }
  return secrets.filter((s) => s.length > 0);
}

function describe(config: RunnableCommand): Record<string, unknown> {
  if (config.command === "verify" || config.command === "site") {
    return { command: config.command, dir: config.dir };
  }
  return {
    command: config.command,
    repo: config.repo.fullName,
    apiUrl: config.apiUrl,
    graphqlUrl: config.graphqlUrl,
    concurrency: config.concurrency,
    entities: [...config.entities].join(","),
    tokenSource: config.tokenSource,
  };
}

function processSignals(): SignalSource {
  return {
    on: (signal, listener) => process.on(signal, listener),
    off: (signal, listener) => process.off(signal, listener),
  };
}
