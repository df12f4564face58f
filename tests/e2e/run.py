"""Editor end-to-end tests: the real editors, our shipped configs, the real server.

    python3 tests/e2e/run.py [--only nvim,helix,vscode]

Drives target/release/newslint (or $NEWSLINT_BIN) on a copy of tests/e2e/corpus:
  nvim    every binary in $NVIM_BINS (colon-separated; default `nvim`) runs nvim/check.lua on
          03-visit.txt (diagnostics, ranges, hover, references), 02-fund.md (Markdown) and a
          README.md outside the corpus (no server started); on 0.11+ also nvim/reading.lua (reading.py):
          hover cards that fit, highlights, inlay hints, links, completion, quote drift while editing,
          and nvim/review.lua (accept a quotation through its code action with a reason, on a copy of the corpus)
  helix   editors/helix/languages.toml parses and names the server; `hx --health` where hx exists
  vscode  builds the .vsix (npm ci && npm run package) and drives code-server in headless
          Chromium (vscode/run.sh); screenshots in target/e2e/
Tools come from scripts/install-nvim.sh and scripts/install-vscode.sh (tests/e2e/run.sh runs them).
Prints one line per check and closes with `e2e: N passed, M failed[, K skipped]`; exits 1 on a failure.
"""
import argparse
import json
import os
import re
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib

import reading

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
SECTIONS = ("nvim", "helix", "vscode")


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def record(self, label, ok, detail=None):
        if ok:
            self.passed += 1
            print(f"  PASS  {label}", flush=True)
        else:
            self.failed += 1
            print(f"  FAIL  {label}: {json.dumps(detail, ensure_ascii=False)[:600]}", flush=True)

    def skip(self, label, why):
        self.skipped += 1
        print(f"  SKIP  {label}: {why}", flush=True)


def header(title):
    print(f"\n=== {title} ===", flush=True)


def last_json(stdout):
    """The JSON lines a check script printed, merged: checks of every line, the rest of the last."""
    merged = None
    for line in stdout.strip().splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if not isinstance(obj, dict):
            continue
        checks = (merged or {}).get("checks", []) + obj.get("checks", [])
        t_ms = {**(merged or {}).get("t_ms", {}), **(obj.get("t_ms") or {})}
        merged = {**obj, "checks": checks, "t_ms": t_ms}
    return merged


def run_checks(tally, label, cmd, timeout, **kw):
    """Run a script that prints a {checks: [...]} JSON line, and record each check."""
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as e:
        tally.record(f"{label}: finished", False, f"timed out after {timeout}s")
        sys.stderr.write((e.stderr or b"")[-3000:].decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")[-3000:])
        return None
    out = last_json(p.stdout)
    if out is None:
        tally.record(f"{label}: printed a result", False, {"rc": p.returncode, "stdout": p.stdout[-1500:], "stderr": p.stderr[-3000:]})
        return None
    for c in out.get("checks", []):
        tally.record(f"{label}: {c['name']}", c["ok"], c.get("detail"))
    if not out.get("checks"):
        tally.record(f"{label}: ran checks", False, out)
    if p.returncode != 0 and all(c["ok"] for c in out.get("checks", [])):
        tally.record(f"{label}: exit status", False, {"rc": p.returncode, "stderr": p.stderr[-2000:]})
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-3000:])
    out["seconds"] = round(time.monotonic() - start, 1)
    return out


def nvim_section(tally, work, bindir):
    bins = [b for b in os.environ.get("NVIM_BINS", "nvim").split(":") if b]
    for nvim in bins:
        if not shutil.which(nvim):
            header(f"Neovim ({nvim})")
            if "NVIM_BINS" in os.environ:  # asked for by name: missing is a failure
                tally.record(f"nvim {nvim} is installed", False, "not found")
            else:
                tally.skip(f"nvim {nvim}", "not installed")
            continue
        version = subprocess.run([nvim, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        header(f"Neovim {version.removeprefix('NVIM ')} ({nvim})")
        runs = [(f, "") for f in (work / "corpus/03-visit.txt", work / "corpus/02-fund.md", work / "elsewhere/README.md")]
        if "v0.7." not in version:
            # No registry has Neovim 0.8-0.10: their code path (FileType autocmd + vim.lsp.start) runs here.
            runs += [(work / "corpus/03-visit.txt", "autocmd"), (work / "elsewhere/README.md", "autocmd")]
        for file, setup in runs:
            xdg = pathlib.Path(tempfile.mkdtemp(dir=work))
            env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "E2E_REPO": str(REPO), "E2E_FILE": str(file),
                   "E2E_SETUP": setup,
                   "XDG_STATE_HOME": str(xdg), "XDG_CACHE_HOME": str(xdg), "XDG_DATA_HOME": str(xdg), "XDG_CONFIG_HOME": str(xdg)}
            out = run_checks(tally, f"nvim {version.split()[-1]} {file.name}" + (" (setup_autocmd)" if setup else ""),
                             [nvim, "--headless", "--clean", "-n", "-i", "NONE", "-u", str(HERE / "nvim/check.lua")],
                             timeout=120, env=env, cwd=file.parent)
            if out and out.get("t_ms"):
                print(f"        {file.name}: encoding {out.get('offset_encoding')}, times (ms) {out['t_ms']}", flush=True)
        if "v0.7." not in version:
            reading.nvim_reading(tally, run_checks, work, bindir, nvim, version.split()[-1])
            nvim_review(tally, work, bindir, nvim, version)


def nvim_review(tally, work, bindir, nvim, version):
    """nvim/review.lua: accept a finding through its code action, on a copy of the corpus it may change."""
    corpus = pathlib.Path(tempfile.mkdtemp(dir=work)) / "corpus"
    shutil.copytree(HERE / "corpus", corpus)
    xdg = pathlib.Path(tempfile.mkdtemp(dir=work))
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "E2E_REPO": str(REPO), "E2E_FILE": str(corpus / "03-visit.txt"),
           "XDG_STATE_HOME": str(xdg), "XDG_CACHE_HOME": str(xdg), "XDG_DATA_HOME": str(xdg), "XDG_CONFIG_HOME": str(xdg)}
    run_checks(tally, f"nvim {version.split()[-1]} review", [nvim, "--headless", "--clean", "-n", "-i", "NONE", "-u", str(HERE / "nvim/review.lua")],
               timeout=120, env=env, cwd=corpus)


def helix_section(tally, work, bindir):
    header("Helix")
    toml = REPO / "editors/helix/languages.toml"
    try:
        cfg = tomllib.loads(toml.read_text())
    except (OSError, tomllib.TOMLDecodeError) as e:
        tally.record("helix: languages.toml parses", False, str(e))
        return
    tally.record("helix: languages.toml parses", True)
    server = cfg.get("language-server", {}).get("newslint", {})
    tally.record("helix: server is `newslint lsp`", server.get("command") == "newslint" and server.get("args") == ["lsp"], server)
    langs = {lang.get("name"): lang for lang in cfg.get("language", [])}
    text = next((lang for lang in langs.values() if "txt" in lang.get("file-types", [])), {})
    tally.record("helix: .txt language sends plaintext to newslint",
                 text.get("language-id") == "plaintext" and "newslint" in text.get("language-servers", [])
                 and text.get("scope") and "newslint.toml" in text.get("roots", []), text)
    md = langs.get("markdown", {})
    tally.record("helix: markdown keeps marksman beside newslint",
                 md.get("language-servers") == ["marksman", "newslint"] and "newslint.toml" in md.get("roots", []), md)
    hx = os.environ.get("HX", "hx")
    if not shutil.which(hx):
        tally.skip("helix: hx --health and the editing case (helix/check.sh)",
                   "hx is not installed: no registry we use packages Helix for this system (scripts/install-helix.sh)")
        return
    cfgdir = pathlib.Path(tempfile.mkdtemp(dir=work))
    (cfgdir / "helix").mkdir()
    shutil.copy(toml, cfgdir / "helix/languages.toml")
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "XDG_CONFIG_HOME": str(cfgdir), "NO_COLOR": "1"}
    for lang in (text.get("name", "news-text"), "markdown"):
        p = subprocess.run([hx, "--health", lang], capture_output=True, text=True, env=env, timeout=60)
        # hx colours its report even with NO_COLOR on some versions, and always exits 0:
        # strip the escape codes and read the text.
        health = re.sub(r"\x1b\[[0-9;]*m", "", p.stdout + p.stderr)
        broken = re.search(r"Error parsing|Language '.*' not found|✘ newslint:", health)
        found = re.search(r"✓ newslint:", health) is not None and broken is None
        tally.record(f"helix: hx --health {lang} finds newslint", found, health[-800:])
    reading.helix_case(tally, run_checks, work, bindir, hx)


def vscode_section(tally, work, bindir):
    header("VS Code (code-server + Playwright + Chromium)")
    ext = REPO / "editors/vscode"
    vsix = ext / "newslint.vsix"
    vsix.unlink(missing_ok=True)
    for old in (REPO / "target/e2e").glob("vscode-*"):
        old.unlink()
    quiet = ["--no-audit", "--no-fund", "--loglevel=error"]
    start = time.monotonic()
    build = subprocess.run(f"npm ci --prefer-offline {' '.join(quiet)} && npm run --silent package",
                           shell=True, cwd=ext, capture_output=True, text=True, timeout=900)
    tally.record(f"vscode: npm ci && npm run package builds the .vsix ({time.monotonic() - start:.0f}s)",
                 build.returncode == 0 and vsix.exists(), {"rc": build.returncode, "log": (build.stdout + build.stderr)[-2000:]})
    if not vsix.exists():
        return
    # The platform .vsix carries the release binary: installing it is the whole install.
    platform_vsix = ext / "newslint-linux-x64.vsix"
    platform_vsix.unlink(missing_ok=True)
    server = pathlib.Path(os.path.realpath(bindir / "newslint"))
    build = subprocess.run("npm run --silent package:linux-x64", shell=True, cwd=ext, capture_output=True, text=True,
                           timeout=600, env={**os.environ, "NEWSLINT_BIN": str(server)})
    tally.record("vscode: npm run package:linux-x64 builds a .vsix that carries the server",
                 build.returncode == 0 and platform_vsix.exists(), {"rc": build.returncode, "log": (build.stdout + build.stderr)[-2000:]})
    shots = REPO / "target/e2e"
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}"}
    dmitriev = reading.dmitriev_corpus(work)
    if dmitriev:
        env["E2E_DMITRIEV"] = str(dmitriev)
    cmd = [str(HERE / "vscode/run.sh"), str(work / "corpus"), str(vsix), str(shots)]
    if platform_vsix.exists():
        cmd.append(str(platform_vsix))
    out = run_checks(tally, "vscode 03-visit.txt", cmd, timeout=900, env=env)
    if platform_vsix.exists():
        log = shots / "vscode-bundled-output.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        started = re.search(r"starting (\S*/server/newslint) lsp", text)
        tally.record("vscode: with no newslint on PATH the platform .vsix starts its bundled server",
                     started is not None, started.group(1) if started else text[-1500:])
    # The LSP trace (newslint.trace.server = messages) shows the indexing progress reached VS Code.
    trace = shots / "vscode-server-output.log"
    text = trace.read_text(errors="replace") if trace.exists() else ""
    tally.record("vscode: indexing progress ($/progress) reaches the client",
                 "window/workDoneProgress/create" in text and "Received notification '$/progress'" in text, str(trace))
    if out:
        print(f"        screenshots: {shots}/vscode-problems.png, {shots}/vscode-hover.png; times (ms) {out.get('t_ms')}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections: " + ", ".join(SECTIONS))
    args = ap.parse_args()
    only = [s for s in args.only.split(",") if s]
    tally = Tally()
    for name in filter(None, os.environ.get("E2E_FAILED_INSTALLS", "").split(",")):
        header(f"Install {name}")
        tally.record(f"install {name} (scripts/install-{name}.sh)", False, "see the messages above")
    server = pathlib.Path(os.environ.get("NEWSLINT_BIN", REPO / "target/release/newslint")).resolve()
    work = pathlib.Path(tempfile.mkdtemp(prefix="newslint-e2e-"))
    try:
        if not os.access(server, os.X_OK):
            header("newslint binary")
            tally.record(f"server binary {server} exists (cargo build --release)", False, "missing")
        else:
            # The shipped configs run `newslint` from PATH, as a user's would.
            bindir = work / "bin"
            bindir.mkdir()
            (bindir / "newslint").symlink_to(server)
            shutil.copytree(HERE / "corpus", work / "corpus")
            (work / "elsewhere").mkdir()
            (work / "elsewhere/README.md").write_text("# Notes\n\n\"A quotation nobody said, long enough to be flagged by a linter.\"\n")
            for section, run in (("nvim", nvim_section), ("helix", helix_section), ("vscode", vscode_section)):
                if section in only:
                    run(tally, work, bindir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\ne2e: {tally.passed} passed, {tally.failed} failed" + (f", {tally.skipped} skipped" if tally.skipped else ""), flush=True)
    return 1 if tally.failed or not tally.passed else 0


if __name__ == "__main__":
    sys.exit(main())
