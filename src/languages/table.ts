// The one table of what ghost knows per target language. The planner's scaffold task, the
// build's committed scaffold (ghost.json and friends), the conformance runner's detection and
// drivers, and CLI-shaped specs' programs all read this; nothing else names a language's files.
//
// Templates (filled by `fillTemplate` in index.ts): `<name>` is the spec name in snake_case (file
// and package names), `<Name>` its PascalCase form (Java classes, Ruby modules).
//
// Adding a language: an entry here, a driver in conformance/drivers/<driver>/ and, for
// detection without ghost.json, a layout in src/conformance/layouts.ts (DETECTORS);
// test/languages/matrix.test.ts then checks it against every spec.

export type NameStyle = 'snake' | 'camel' | 'pascal' | 'keep';

export interface ProgramLayout {
  /** One line for the scaffold task: where the program lives. */
  layout: string;
  /** Run once before the first case (ghost.json `build`). */
  build?: string[];
  /** The program, run per case with the case's argv appended (ghost.json `command`). */
  command?: string[];
  /** Or a source file ghost runs itself (ghost.json `entry`; see defaultProgram). */
  entry?: string;
}

export interface Language {
  /** Canonical, lower-case: what `plan.language`, ghost.json and reports carry. */
  id: string;
  /** Other spellings `--lang` and ghost.json accept (the id itself is implied). */
  aliases: string[];
  /** As prose names it ("built in Python"). */
  display: string;
  /** How spec names (`parse_range`) become implementation names (what drivers also try). */
  nameStyle: NameStyle;
  library: {
    /** ghost.json `entry` for a function library (a file, or a package directory). */
    entry: string;
    /** Bullet lines of the scaffold task's "Project layout". */
    layout: string[];
    /** Files the build's scaffold commit writes beside ghost.json (path → content). */
    files?: Record<string, string>;
  };
  program: ProgramLayout & { files?: Record<string, string> };
  /** conformance/drivers/<dir>/ holds its driver. */
  driver: string;
  /** Interpreter that runs a single-file entry as a program when ghost.json names no command. */
  run?: string[];
  /** File endings that mark an implementation in this language (detection, hardcode scans). */
  extensions: string[];
  /** Environment the driver and the program need (merged over the scrubbed environment; `<impl>`: the implementation directory). */
  env?: Record<string, string>;
  /** Paths outside the implementation a jail must make readable (toolchains, caches). */
  binds?: string[];
}

const ERRORS_BY_CLASS = 'Errors: exception classes whose class name is the error kind';

export const LANGUAGES: readonly Language[] = [
  {
    id: 'python',
    aliases: ['py', 'python3'],
    display: 'Python',
    nameStyle: 'snake',
    library: {
      entry: '<name>.py',
      layout: [
        '- A module `<name>.py` at the top of the repository (or a package with `__init__.py`); a `pyproject.toml` for packaging.',
        '- Expose every function at the top level of the entry module.',
        `- ${ERRORS_BY_CLASS} (\`class InvalidVersion(ValueError)\`).`,
      ],
    },
    program: {
      layout: '`<name>.py` using only the standard library (no build step).',
      command: ['python3', '<name>.py'],
    },
    driver: 'python',
    run: ['python3'],
    extensions: ['.py'],
  },
  {
    id: 'javascript',
    aliases: ['js', 'node', 'nodejs'],
    display: 'JavaScript',
    nameStyle: 'camel',
    library: {
      entry: 'index.js',
      layout: [
        '- `package.json` (`"type": "module"`, `main` pointing at the entry) and `index.js` as the entry.',
        '- Export every function as a named export (or a default export object).',
        '- Errors: classes extending `Error` whose `name` is the error kind, or an `Error` with `code` set to the kind.',
      ],
      files: {
        'package.json': '{\n  "name": "<name>",\n  "private": true,\n  "type": "module",\n  "main": "index.js"\n}\n',
      },
    },
    program: { layout: '`<name>.mjs` (an ES module, no build step).', command: ['node', '<name>.mjs'] },
    driver: 'javascript',
    run: ['node'],
    extensions: ['.js', '.mjs', '.cjs'],
  },
  {
    id: 'typescript',
    aliases: ['ts'],
    display: 'TypeScript',
    nameStyle: 'camel',
    library: {
      entry: 'src/index.ts',
      layout: [
        '- `package.json` (`"type": "module"`, `main` pointing at the entry) and `src/index.ts` as the entry.',
        '- Export every function as a named export (or a default export object). `.ts` entries are loaded through tsx.',
        '- Errors: classes extending `Error` whose `name` is the error kind, or an `Error` with `code` set to the kind.',
      ],
      files: {
        'package.json':
          '{\n  "name": "<name>",\n  "private": true,\n  "type": "module",\n  "main": "src/index.ts"\n}\n',
      },
    },
    // ghost bundles `src/main.ts` once with its own esbuild (conformance/command.ts
    // defaultProgram): a build step of the implementation's would need a TypeScript
    // compiler in the implementation, and a jail has no registry to install one from.
    program: {
      layout:
        '`src/main.ts` (an ES module, Node built-ins only; ghost bundles it into `.ghost-build/` with its own esbuild, no build step of yours).',
      entry: 'src/main.ts',
      files: {
        'package.json': '{\n  "name": "<name>",\n  "private": true,\n  "type": "module"\n}\n',
      },
    },
    driver: 'javascript',
    extensions: ['.ts', '.mts', '.cts'],
  },
  {
    id: 'java',
    aliases: [],
    display: 'Java',
    nameStyle: 'camel',
    library: {
      entry: '<Name>',
      layout: [
        '- `<Name>.java` at the top of the repository (the entry class); more `.java` sources beside it or under `src/main/java`; the driver compiles them with `javac`.',
        '- Functions are `public static` methods of the entry class.',
        '- Types: `String`, `int`/`long`, `double`, `boolean`, `List<?>`, `Map<String, ?>`, `Object`, arrays, `BigInteger`; records become objects.',
        '- Errors: exceptions whose simple class name is the error kind.',
      ],
    },
    program: {
      layout: '`<Name>.java` with `public static void main`.',
      build: ['javac', '-d', 'out', '<Name>.java'],
      command: ['java', '-cp', 'out', '<Name>'],
    },
    driver: 'java',
    extensions: ['.java'],
  },
  {
    id: 'go',
    aliases: ['golang'],
    display: 'Go',
    nameStyle: 'pascal',
    library: {
      entry: '.',
      layout: [
        '- `go.mod` (`module <name>`, `go 1.19`) and the package at the top of the repository (`package <name>` in `<name>.go`); standard library only (no module downloads).',
        '- Export every function (`parse_range` → `ParseRange`). The harness decodes each JSON argument into the parameter type: `string`, `int`/`int64`, `float64`, `bool`, slices, `map[string]T`, `any`, structs (fields match snake_case keys, json tags optional); a pointer parameter is optional (nil when absent).',
        "- Errors: return `(T, error)`; the kind is the error's type name (`type InvalidVersion struct{…}`), or what its `Kind() string` / `Code() string` method says.",
      ],
      files: { 'go.mod': 'module <name>\n\ngo 1.19\n' },
    },
    program: {
      layout: '`main.go` (`package main`) beside `go.mod`; standard library only.',
      build: ['go', 'build', '-o', '<name>.bin', '.'],
      command: ['./<name>.bin'],
      files: { 'go.mod': 'module <name>\n\ngo 1.19\n' },
    },
    driver: 'go',
    extensions: ['.go'],
    // A program's `go build` caches inside the implementation (`<impl>`): the jail keeps the
    // user cache read-only. The driver picks its own cache (conformance/drivers/go/driver.mjs).
    env: {
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
      GOCACHE: '<impl>/.ghost-build/go-build',
    },
    binds: ['/usr/lib/go', '/usr/share/go'],
  },
  {
    id: 'ruby',
    aliases: ['rb'],
    display: 'Ruby',
    nameStyle: 'snake',
    library: {
      entry: 'lib/<name>.rb',
      layout: [
        '- `lib/<name>.rb` defining `module <Name>` with module functions (`module_function`, or `def self.…`); no gem needed, standard library only.',
        '- Options objects arrive as a Hash with string keys, or symbol keys when the method takes keyword arguments (ghost.json `"keyStyle": "symbol"` forces symbols).',
        `- ${ERRORS_BY_CLASS} (\`class InvalidVersion < StandardError; end\`).`,
      ],
    },
    program: { layout: '`<name>.rb` using only the standard library (no build step).', command: ['ruby', '<name>.rb'] },
    driver: 'ruby',
    run: ['ruby'],
    extensions: ['.rb'],
    binds: ['/usr/lib/ruby'],
  },
  {
    id: 'rust',
    aliases: ['rs'],
    display: 'Rust',
    nameStyle: 'snake',
    library: {
      entry: 'Cargo.toml',
      layout: [
        '- `Cargo.toml` (package `<name>`, edition 2021) and `src/lib.rs` with a `pub fn` per spec function (snake_case). ghost generates a harness crate from the spec interface that depends on yours by path.',
        '- Parameters: `&str`/`String`, `i64` (any integer type), `f64`, `bool`, `Vec<T>`, `Option<T>` for optional ones; objects by value as any `T: serde::Deserialize` (an options struct with `#[serde(default)]`, or `serde_json::Map`). Returns: any `T: serde::Serialize`.',
        "- No crates.io (offline): dependencies only `serde` and `serde_json`, served from Debian's `librust-*-dev` packages.",
        "- Errors: return `Result<T, E>`; the kind is the leading identifier of `{:?}` (the enum variant, `SemverError::InvalidVersion(..)` → `InvalidVersion`, or the error struct's name), the message its `Display`.",
      ],
      files: {
        'Cargo.toml':
          '[package]\nname = "<name>"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1", features = ["derive"] }\nserde_json = { version = "1", features = ["preserve_order"] }\n',
      },
    },
    program: {
      layout: '`src/main.rs` in a cargo bin crate named `<name>` (standard library only), built once by cargo.',
      build: ['cargo', 'build', '--release', '--offline', '--quiet', '--target-dir', '.ghost-build/target'],
      command: ['.ghost-build/target/release/<name>'],
      files: {
        'Cargo.toml':
          '[package]\nname = "<name>"\nversion = "0.1.0"\nedition = "2021"\n\n[[bin]]\nname = "<name>"\npath = "src/main.rs"\n',
      },
    },
    driver: 'rust',
    extensions: ['.rs'],
    binds: ['/usr/share/cargo/registry'],
  },
];
