"""Renderings of drawn reports: .docx, and with LibreOffice .pdf, .doc, a PDF without row rules,
TCVN3 and VNI PDFs, and the text export of the PDF.

Why one ``soffice`` call for many files: LibreOffice takes seconds to start and converts a
report in a fraction of that.  Each call runs with a private profile
(``-env:UserInstallation``) so it never waits on another LibreOffice.  Renderings are cached
under ``$CCHC_LAYOUT_CACHE`` (default: the system temp folder) in a folder named after a hash
of the generator's and renderers' sources, so a rerun converts nothing and a change to the
generator never reuses stale files.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from samplegen.build import report_bytes

from . import ROOT, SAMPLES
from .draw import draw_report

KINDS = ("docx", "txt", "pdf", "pdf_norules", "doc", "tcvn3_pdf", "vni_pdf")
SOFFICE_KINDS = frozenset(KINDS) - {"docx"}
# kind -> file name suffix after the stem
SUFFIX = {"docx": ".docx", "txt": ".txt", "pdf": ".pdf", "pdf_norules": "_norules.pdf",
          "doc": ".doc", "tcvn3_pdf": "_tcvn3.pdf", "vni_pdf": "_vni.pdf"}
TIMEOUT_S = 1800


@functools.cache  # once per process: a run never switches folders halfway
def _version() -> str:
    """A hash of every source that shapes a rendering: generator, samplegen, converters."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    files = sorted(here.glob("*.py")) + sorted((SAMPLES / "samplegen").glob("*.py"))
    files += [SAMPLES / "make_legacy_samples.py", SAMPLES / "export_text.py"]
    for path in files:
        if path.name in ("score.py", "html_render.py"):  # html_render: Chromium prints, not these
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(_font_families().encode())  # another font set lays the same report out anew
    return digest.hexdigest()[:12]


def _font_families() -> str:
    """The installed font families (fontconfig), or '' where fc-list is missing."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False)
    return "\n".join(sorted(set(listed.stdout.splitlines())))


def cache_dir() -> Path:
    root = Path(os.environ.get("CCHC_LAYOUT_CACHE") or Path(tempfile.gettempdir()) / "cchc-layouts")
    folder = root / _version()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def path_of(seed: int, kind: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"gen_{seed:05d}{SUFFIX[kind]}"


def _write_docx(seed: int, folder: Path) -> None:
    target = path_of(seed, "docx", folder)
    if not target.exists():
        _atomic(target, report_bytes(draw_report(seed)))


def _write_sources(seed: int, folder: Path, kinds: set[str]) -> None:
    """The .docx inputs LibreOffice converts: the report, its no-rules and legacy twins."""
    spec = draw_report(seed)
    if "pdf_norules" in kinds:
        src = folder / f"gen_{seed:05d}_norules.docx"
        if not src.exists():
            _atomic(src, report_bytes(dataclasses.replace(spec, row_rules=False)))
    if kinds & {"tcvn3_pdf", "vni_pdf"}:
        import make_legacy_samples as legacy  # samples/ is on sys.path (package __init__)

        base = path_of(seed, "docx", folder).read_bytes()
        for kind, pieces, fonts in (
            ("tcvn3_pdf", legacy.tcvn3_pieces, [legacy.TCVN3_FONT, legacy.TCVN3_CAPS_FONT]),
            ("vni_pdf", legacy.vni_pieces, [legacy.VNI_FONT]),
        ):
            src = folder / f"gen_{seed:05d}_{kind.split('_')[0]}.docx"
            if kind in kinds and not src.exists():
                _atomic(src, legacy.make_twin(base, pieces, fonts))


def _atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(target.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(target)


CHUNK = 60  # files per LibreOffice run: a run that dies loses at most this many


def soffice_convert(sources: list[Path], fmt: str, out_dir: Path) -> None:
    """Convert many files, CHUNK per LibreOffice run; files a run left out get one more run."""
    ext = "." + fmt.split(":")[0]
    for attempt in range(2):
        todo = [s for s in sources if not (out_dir / (s.stem + ext)).exists()]
        for start in range(0, len(todo), CHUNK):
            _soffice_run(todo[start:start + CHUNK], fmt, out_dir)
        del attempt


def _soffice_run(sources: list[Path], fmt: str, out_dir: Path) -> None:
    """Convert many files in one LibreOffice run (private profile, own temp output folder)."""
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    if not sources:
        return
    with tempfile.TemporaryDirectory(prefix="cchc-layouts-") as tmp:
        profile = Path(tmp) / "profile"
        out = Path(tmp) / "out"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(out), *map(str, sources)]
        subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        for made in out.iterdir() if out.exists() else []:
            shutil.move(str(made), out_dir / made.name)


def render(seeds: Iterable[int], kinds: Iterable[str]) -> dict[tuple[int, str], Path]:
    """Make (or find in the cache) every rendering asked for; ``(seed, kind) -> path``.

    A rendering LibreOffice failed to make is left out of the answer.
    """
    seeds, wanted = list(seeds), set(kinds)
    folder = cache_dir()
    for seed in seeds:
        _write_docx(seed, folder)
    need = {k: [s for s in seeds if not path_of(s, k, folder).exists()] for k in wanted}
    if any(need[k] for k in wanted & SOFFICE_KINDS):
        for seed in {s for k in wanted & SOFFICE_KINDS for s in need[k]}:
            _write_sources(seed, folder, {k for k in wanted if seed in need[k]})
        pdf_src = sorted({s for k in ("pdf", "txt") if k in wanted for s in need[k]
                          if not path_of(s, "pdf", folder).exists()})
        batch = [path_of(s, "docx", folder) for s in pdf_src]
        for kind, tag in (("pdf_norules", "norules"), ("tcvn3_pdf", "tcvn3"), ("vni_pdf", "vni")):
            batch += [folder / f"gen_{s:05d}_{tag}.docx" for s in need.get(kind, [])]
        soffice_convert(batch, "pdf", folder)
        soffice_convert([path_of(s, "docx", folder) for s in need.get("doc", [])],
                        "doc:MS Word 97", folder)
        if "txt" in wanted:
            from export_text import export  # samples/export_text.py, the seed-like converter

            for seed in need["txt"]:
                pdf = path_of(seed, "pdf", folder)
                if pdf.exists():
                    export(pdf)
    return {(s, k): path_of(s, k, folder) for s in seeds for k in wanted
            if path_of(s, k, folder).exists()}


__all__ = ["KINDS", "ROOT", "SOFFICE_KINDS", "find_soffice", "render"]
