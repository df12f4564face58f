"""The reader's side in real editors: hover cards that fit, highlights, inlay hints, links,
completion, and quote drift while an article is edited (tests/e2e/nvim/reading.lua;
the VS Code cases are in vscode/check.mjs). Called from run.py."""
import os
import pathlib
import shutil
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED_STORY = REPO.parent / "shared/corpus/dmitriev-2025"


def dmitriev_corpus(work):
    """A copy of the shared Dmitriev story as a corpus, or None where the shared corpus is absent."""
    if not SHARED_STORY.is_dir():
        return None
    dest = work / "dmitriev"
    if not dest.is_dir():
        dest.mkdir()
        for f in SHARED_STORY.glob("*.txt"):
            shutil.copy(f, dest / f.name)
        (dest / "newslint.toml").write_text("# The shared Dmitriev story, copied for the editor tests.\n[rules]\n")
    return dest


def nvim_reading(tally, run_checks, work, bindir, nvim, version):
    """Run reading.lua's cases on Neovim 0.11+ (0.7 has no inlay hints nor vim.lsp.enable)."""
    cases = [("reading", "corpus"), ("drift", "corpus"), ("card", "dmitriev")]
    for case, folder in cases:
        label = f"nvim {version} {case}"
        if folder == "dmitriev":
            corpus = dmitriev_corpus(work)
            if corpus is None:
                if os.environ.get("CI") == "true":
                    tally.record(f"{label}: the shared corpus is present", False, str(SHARED_STORY))
                else:
                    tally.skip(label, f"{SHARED_STORY} is absent")
                continue
        else:
            # A fresh copy: the cases open unsaved articles beside the fixture ones.
            corpus = work / f"corpus-{case}"
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.copytree(HERE / "corpus", corpus)
        xdg = pathlib.Path(tempfile.mkdtemp(dir=work))
        env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "E2E_REPO": str(REPO), "E2E_CASE": case,
               "E2E_CORPUS": str(corpus), "XDG_STATE_HOME": str(xdg), "XDG_CACHE_HOME": str(xdg),
               "XDG_DATA_HOME": str(xdg), "XDG_CONFIG_HOME": str(xdg)}
        run_checks(tally, label, [nvim, "--headless", "--clean", "-n", "-i", "NONE", "-u", str(HERE / "nvim/reading.lua")],
                   timeout=180, env=env, cwd=corpus)


def helix_case(tally, run_checks, work, bindir, hx):
    """helix/check.sh in tmux: diagnostic text, a card that fits, references."""
    if not shutil.which("tmux"):
        tally.skip("helix: editing case (helix/check.sh)", "tmux is not installed")
        return
    corpus = work / "corpus-helix"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.copytree(HERE / "corpus", corpus)
    env = {**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}", "HX": hx}
    run_checks(tally, "helix 03-visit.txt", [str(HERE / "helix/check.sh"), str(corpus)], timeout=180, env=env)
