// The newslint extension: starts `newslint lsp` for the articles of a corpus and
// gives it what it needs. Everything an editor shows (diagnostics, hover cards,
// references, fixes, indexing progress) comes from the server over LSP; this file
// only decides when to start it, with which binary, and for which files.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  DocumentFilter,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

const CONFIG_FILE = "newslint.toml";
const INSTALL_COMMAND = "cargo install --path .";
// Folders no corpus lives in; skipping them keeps the search for newslint.toml cheap.
const NOT_CORPUS = "**/{node_modules,.git,target,dist,out}/**";

type Enable = "auto" | "always" | "off";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
// Serialises start/stop so that a restart from a settings change and one from the
// command palette cannot interleave.
let queue: Promise<void> = Promise.resolve();
// The binary a platform-specific .vsix carries (`npm run package:linux-x64`), if any.
let bundledServer: string | undefined;

export function activate(context: vscode.ExtensionContext): void {
  bundledServer = context.asAbsolutePath(path.join("server", process.platform === "win32" ? "newslint.exe" : "newslint"));
  output = vscode.window.createOutputChannel("newslint");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
  status.command = "newslint.showOutput";
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand("newslint.restartServer", () => schedule(restart)),
    vscode.commands.registerCommand("newslint.showOutput", () => output.show(true)),
    // Hover cards link their counts here (command:newslint.showReferences?[uri, line, character]):
    // the references of the name at that place, in the peek view.
    vscode.commands.registerCommand("newslint.showReferences", showReferences),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Rule severities reach a running server through workspace/didChangeConfiguration;
      // these settings change how it is started, so they need a restart.
      if (["enable", "server.path", "server.extraArgs"].some((k) => e.affectsConfiguration(`newslint.${k}`))) {
        schedule(restart);
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => schedule(restart)),
  );

  // A newslint.toml that appears or goes away changes which files are articles.
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`, false, true, false);
  watcher.onDidCreate(() => schedule(restart));
  watcher.onDidDelete(() => schedule(restart));
  context.subscriptions.push(watcher);

  schedule(start);
}

export function deactivate(): Thenable<void> | undefined {
  return queue.then(stop);
}

function schedule(step: () => Promise<void>): Promise<void> {
  queue = queue.then(step).catch((e) => log(`error: ${e instanceof Error ? e.message : String(e)}`));
  return queue;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop().catch((e) => log(`stopping the server: ${String(e)}`));
  }
  status.hide();
}

async function start(): Promise<void> {
  const cfg = vscode.workspace.getConfiguration("newslint");
  const enable = cfg.get<Enable>("enable", "auto");
  if (enable === "off") {
    log("newslint.enable is off: not starting the server");
    return;
  }
  const selector = await documentSelector(enable);
  if (selector.length === 0) {
    log(`no ${CONFIG_FILE} in this workspace: not starting the server (set newslint.enable to "always" to lint every .txt and .md file)`);
    return;
  }
  const command = findServer(cfg.get<string>("server.path", ""));
  if (!command) {
    return;
  }
  const args = ["lsp", ...cfg.get<string[]>("server.extraArgs", [])];
  log(`starting ${command} ${args.join(" ")}`);

  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    traceOutputChannel: output,
    // The server reads rule severities from the "newslint" section, both at start
    // and (through workspace/configuration and didChangeConfiguration) afterwards.
    initializationOptions: {
      rules: cfg.get<Record<string, string>>("rules", {}),
      // VS Code runs the command links of trusted hovers: counts open the references.
      hoverLinks: "command",
      inlayHints: { speakers: cfg.get<boolean>("inlayHints.speakers", true), spellings: cfg.get<boolean>("inlayHints.spellings", true) },
    },
    // Only our own command may run from a hover card's links.
    markdown: { isTrusted: { enabledCommands: ["newslint.showReferences"] } },
    synchronize: { configurationSection: "newslint" },
  };
  const next = new LanguageClient("newslint", "newslint", serverOptions, clientOptions);
  next.onDidChangeState((e) => showState(e.newState));
  client = next;
  try {
    await next.start();
  } catch (e) {
    client = undefined;
    const message = e instanceof Error ? e.message : String(e);
    log(`the server did not start: ${message}`);
    void vscode.window.showErrorMessage(`newslint: the language server did not start (${message}).`, "Show Output")
      .then((choice) => choice && output.show(true));
  }
}

// Which documents the server is given. In "auto" mode only the files under a
// folder holding newslint.toml: a README opened elsewhere is not an article.
async function documentSelector(enable: Enable): Promise<DocumentFilter[]> {
  if (enable === "always") {
    return [
      { scheme: "file", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
    ];
  }
  const configs = await vscode.workspace.findFiles(`**/${CONFIG_FILE}`, NOT_CORPUS, 100);
  const roots = configs.map((uri) => path.dirname(uri.fsPath)).sort();
  // A root inside another root adds nothing.
  const outer = roots.filter((r, i) => !roots.slice(0, i).some((o) => r.startsWith(o + path.sep)));
  for (const r of outer) {
    log(`corpus root: ${r}`);
  }
  return outer.flatMap((root) => {
    const base = globEscape(root.split(path.sep).join("/"));
    return [
      { scheme: "file", pattern: `${base}/**/*.txt` },
      { scheme: "file", pattern: `${base}/**/*.md` },
    ];
  });
}

async function showReferences(uri?: string, line?: number, character?: number): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const target = uri ? vscode.Uri.parse(uri) : editor?.document.uri;
  const position = line !== undefined && character !== undefined ? new vscode.Position(line, character) : editor?.selection.active;
  if (!target || !position) {
    return;
  }
  const locations = await vscode.commands.executeCommand<vscode.Location[]>("vscode.executeReferenceProvider", target, position);
  await vscode.commands.executeCommand("editor.action.showReferences", target, position, locations ?? []);
}

function globEscape(s: string): string {
  return s.replace(/[[\]{}*?]/g, (c) => `[${c}]`);
}

// The server executable: the setting, else `newslint` on PATH (or in ~/.cargo/bin),
// else the one bundled in a platform .vsix. When it cannot be
// found, say how to install it rather than letting the client fail with ENOENT.
function findServer(setting: string): string | undefined {
  const configured = setting.trim().replace(/^~(?=$|\/)/, os.homedir());
  if (configured) {
    if (isExecutable(configured)) {
      return configured;
    }
    missing(`newslint.server.path is "${setting}", which is not an executable file.`);
    return undefined;
  }
  const exe = process.platform === "win32" ? "newslint.exe" : "newslint";
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, exe);
    if (dir && isExecutable(candidate)) {
      return candidate;
    }
  }
  // Where `cargo install` puts it, for a VS Code started before PATH had it.
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), ".cargo"), "bin", exe);
  if (isExecutable(cargoBin)) {
    return cargoBin;
  }
  // Last, the binary a platform-specific .vsix ships, so that installing the
  // extension is the whole install.
  if (bundledServer && fs.existsSync(bundledServer)) {
    // An unpacker that dropped the file's mode leaves it unexecutable: restore it.
    if (!isExecutable(bundledServer)) {
      try {
        fs.chmodSync(bundledServer, 0o755);
      } catch (e) {
        log(`cannot make the bundled server executable: ${e}`);
      }
    }
    if (isExecutable(bundledServer)) {
      return bundledServer;
    }
  }
  missing("`newslint` was not found on PATH, and this build of the extension carries no server.");
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function missing(why: string): void {
  const message = `newslint: ${why} Install it with \`${INSTALL_COMMAND}\` in a newslint checkout, or set newslint.server.path.`;
  log(message);
  showState(State.Stopped);
  void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand("workbench.action.openSettings", "newslint.server.path");
    }
  });
}

function showState(state: State): void {
  switch (state) {
    case State.Starting:
      status.text = "$(sync~spin) newslint";
      status.tooltip = "newslint: starting the language server";
      break;
    case State.Running:
      status.text = "$(check) newslint";
      status.tooltip = "newslint is running: click for its output";
      break;
    case State.Stopped:
      status.text = "$(error) newslint";
      status.tooltip = "newslint is not running: click for its output";
      break;
  }
  status.show();
}

function log(line: string): void {
  output.appendLine(`[extension] ${line}`);
}
