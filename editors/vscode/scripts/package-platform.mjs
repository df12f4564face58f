// Build a platform-specific .vsix that carries the newslint binary, so that
// `code --install-extension newslint-<target>.vsix` is the whole install.
// Usage: node scripts/package-platform.mjs TARGET [BINARY]
//   TARGET  a VS Code platform target, e.g. linux-x64
//   BINARY  the release binary for that platform (default ../../target/release/newslint,
//           or $NEWSLINT_BIN); build it first with `cargo build --release`.
// The binary is copied to server/ for the packaging only and removed afterwards, so a
// plain `npm run package` never ships one by accident.
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const target = process.argv[2];
if (!target) {
  console.error("usage: node scripts/package-platform.mjs TARGET [BINARY]   (e.g. linux-x64)");
  process.exit(2);
}
const exe = target.startsWith("win32") ? "newslint.exe" : "newslint";
const binary = path.resolve(process.argv[3] || process.env.NEWSLINT_BIN || path.join(here, "../../target/release", exe));
if (!existsSync(binary)) {
  console.error(`no newslint binary at ${binary}: run \`cargo build --release\` at the repository's root first`);
  process.exit(1);
}
const serverDir = path.join(here, "server");
const out = `newslint-${target}.vsix`;
rmSync(serverDir, { recursive: true, force: true });
mkdirSync(serverDir);
try {
  copyFileSync(binary, path.join(serverDir, exe));
  chmodSync(path.join(serverDir, exe), 0o755);
  // The release profile keeps line tables for profiling; the shipped binary needs none.
  try {
    execFileSync("strip", [path.join(serverDir, exe)]);
  } catch {
    console.warn("strip is not available: the bundled binary keeps its debug information");
  }
  const vsce = path.join(here, "node_modules/.bin/vsce");
  execFileSync(vsce, ["package", "--no-dependencies", "--allow-missing-repository", "--skip-license",
                      "--target", target, "-o", out], { cwd: here, stdio: "inherit" });
  console.log(`${out}: the extension with ${binary} inside`);
} finally {
  rmSync(serverDir, { recursive: true, force: true });
}
