// Import rules for src/, fake-github/ and bench/, checked by `npm run lint`.
// The layers and why they are ordered so: docs/architecture.md ("Layers").
// A module may import its own layer and the layers below it, never above.

/** Bottom to top. */
const LAYERS = {
  base: ["^src/errors\\.ts$", "^src/version\\.ts$", "^src/util/"],
  infrastructure: ["^src/github/", "^src/orchestrator/", "^src/backup/", "^src/selection/number-spec\\.ts$"],
  // What each data type is, and the toolkits its saver and restorer share.
  entities: ["^src/entities/", "^src/restore/(?!restore-repository\\.ts$)", "^src/save/priorities\\.ts$"],
  useCases: [
    "^src/save/(?!priorities\\.ts$)",
    "^src/restore/restore-repository\\.ts$",
    "^src/selection/entities\\.ts$",
    "^src/site/",
  ],
  cli: ["^src/cli/"],
  library: ["^src/index\\.ts$"],
};

const ORDER = Object.keys(LAYERS);

/** One rule per layer: nothing in it imports a layer above it. */
const layerRules = ORDER.slice(0, -1).map((layer, index) => ({
  name: `${layer}-points-up`,
  severity: "error",
  comment: `${layer} imports only itself and the layers below it (${ORDER.slice(0, index).join(", ") || "none"})`,
  from: { path: LAYERS[layer] },
  to: { path: ORDER.slice(index + 1).flatMap((above) => LAYERS[above]) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "infrastructure-parts-independent",
      severity: "error",
      comment: "the GitHub client, the job runner and the backup format know nothing of each other",
      from: { path: "^src/(github|orchestrator|backup)/" },
      to: { path: "^src/(github|orchestrator|backup)/", pathNot: "^src/$1/" },
    },
    {
      name: "save-and-restore-independent",
      severity: "error",
      comment: "the save side and the restore side meet only in the backup format and the entities",
      from: { path: "^src/(save|restore)/" },
      to: { path: "^src/(save|restore)/", pathNot: "^src/$1/" },
    },
    {
      name: "cli-runs-commands-lazily",
      severity: "error",
      comment:
        "a command's run module (and the use case behind it) is imported only when it runs, so help, errors and the other commands start quickly",
      from: { path: "^src/cli/" },
      to: { path: "^src/cli/commands/[^/]+/run\\.ts$", dependencyTypesNot: ["dynamic-import"] },
    },
    {
      name: "cli-frame-loads-no-use-case",
      severity: "error",
      comment:
        "outside a command's run module, the command line imports no code of the use cases or the layers they run on (types are fine)",
      from: { path: "^src/cli/", pathNot: "^src/cli/commands/([^/]+/run|finish-run)\\.ts$" },
      to: { path: "^src/(save|restore|backup|github|orchestrator)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "src-stands-alone",
      severity: "error",
      comment: "the shipped code never imports the fake server, the benchmark or the tests",
      from: { path: "^src/" },
      to: { path: "^(fake-github|bench|test)/" },
    },
    {
      name: "fake-github-stands-alone",
      severity: "error",
      comment:
        "the fake server imitates GitHub from its own code: sharing the client's code would let one bug hide on both sides",
      from: { path: "^fake-github/" },
      to: { path: "^(src|bench|test)/" },
    },
    {
      name: "bench-not-to-test",
      severity: "error",
      comment: "the benchmark runs from dist/ without the tests",
      from: { path: "^bench/" },
      to: { path: "^test/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "a cycle (type-only imports included) means two modules are one, or a layer points up",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-orphans",
      severity: "error",
      comment:
        "a module in src/ that nothing imports is dead code (entry points and ambient type declarations excepted)",
      from: {
        orphan: true,
        path: "^src/",
        pathNot: ["^src/index\\.ts$", "^src/cli/main\\.ts$", "\\.d\\.ts$"],
      },
      to: {},
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "an import that does not resolve",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "src-not-to-dev-dependencies",
      severity: "error",
      comment: "installed users do not get devDependencies; types alone are fine",
      from: { path: "^src/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-undeclared-packages",
      severity: "error",
      comment: "every package imported is declared in package.json",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a type-only cycle still ties two modules together.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    // Resolve packages the way Node does for this ESM project (several export only "import").
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "node", "default", "types"],
      mainFields: ["module", "main", "types"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
