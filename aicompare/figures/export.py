"""Deterministic figure files and the static-export machinery shared by every stage.

``save_figure(fig, "name")`` writes ``figures/name.html`` (plotly.js loaded from one
``figures/plotly.min.js`` next to it, so the HTML works offline and stays small),
``name.png`` and ``name.svg``. Static export uses kaleido with the system Chromium
(``.ci/run`` installs Debian's ``chromium``) and a CJK font (``fonts-noto-cjk``), both offline.
Outputs are byte-identical across runs: the HTML div id is derived from the file name and the
random uid plotly.js writes into SVG ids is replaced by a fixed one.

Whether static export works is decided once per process (:func:`static_export_status`: a browser must exist
and answer a tiny export within :func:`static_timeout`); inside :func:`deferred_static_export` PNG/SVG files are
rendered on a background thread; :func:`show` displays a figure in a notebook.
"""
from __future__ import annotations

import contextlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import AbstractSet, Iterable

import plotly.graph_objects as go

from aicompare.io import write_bytes, write_text
from aicompare.paths import figures_dir

DEFAULT_FORMATS = ("html", "png", "svg")

_SVG_UID = re.compile(rb"clip([0-9a-f]{6})")
_SVG_TAG = re.compile(rb'<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")+)\s*(/?)>')  # a start tag with attributes
_SVG_ATTR = re.compile(rb'[\w:.-]+="[^"]*"')
_SERVER_STARTED = False


class FigureExportError(RuntimeError):
    """Static (PNG/SVG) export is not possible on this machine; the message says what to install."""


INSTALL_HINT = ("Install Chromium (Debian/Ubuntu: `apt-get install chromium fonts-noto-cjk`) or, with a network, "
                "kaleido's own Chrome (`kaleido_get_chrome`). Tables and interactive HTML figures do not need it.")


@dataclass(frozen=True)
class StaticExportStatus:
    """Whether PNG/SVG export works in this process, and why not."""

    available: bool
    reason: str = ""
    browser: str | None = None


_STATUS: StaticExportStatus | None = None


def static_timeout() -> float:
    """Seconds one static export may take before it is abandoned (``AICOMPARE_STATIC_TIMEOUT``, default 60)."""
    try:
        return max(1.0, float(os.environ.get("AICOMPARE_STATIC_TIMEOUT", "60")))
    except ValueError:
        return 60.0


def find_browser() -> str | None:
    """The Chrome/Chromium kaleido would use: ``BROWSER_PATH``, kaleido's downloaded Chrome, or one on PATH."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if Path(env).is_file() and os.access(env, os.X_OK) else None
    try:
        from choreographer.browsers.chromium import Chromium

        return Chromium.find_browser(skip_local=False)
    except Exception:  # an older choreographer: look on PATH
        import shutil

        names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
        return next((p for p in map(shutil.which, names) if p), None)


_STATUS_LOCK = threading.Lock()


def static_export_status() -> StaticExportStatus:
    """Decide once per process whether static export can work: a browser must exist and answer a tiny export
    within the time limit. Later exports that stall also switch static export off (see :func:`to_static`).
    Thread-safe: a caller arriving while another thread decides waits for that decision."""
    global _STATUS
    with _STATUS_LOCK:
        if _STATUS is None:
            browser = find_browser()
            if browser is None:
                _STATUS = StaticExportStatus(False, f"no Chrome or Chromium found. {INSTALL_HINT}")
            else:
                _STATUS = StaticExportStatus(True, "", browser)
                try:
                    _export_with_limit(go.Figure(), "png", 1.0)
                except FigureExportError as exc:
                    _STATUS = StaticExportStatus(False, str(exc), browser)
        return _STATUS


def decide_static_export_in_background() -> None:
    """Start :func:`static_export_status` on a background thread (the browser takes a second or more to start),
    so that the decision is ready when the first figure is saved; that save waits for it if need be."""
    threading.Thread(target=static_export_status, name="static-export-probe", daemon=True).start()


def _disable_static(reason: str) -> None:
    global _STATUS
    browser = _STATUS.browser if _STATUS else None
    _STATUS = StaticExportStatus(False, reason, browser)


def _static_export_server() -> None:
    """Start one persistent kaleido/Chromium for this process (about 10x faster than a browser per image)."""
    global _SERVER_STARTED
    if _SERVER_STARTED:
        return
    import atexit
    import logging

    import kaleido

    for name in ("choreographer", "kaleido", "logistro"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # browser-pipe chatter would pollute notebook outputs
    _keep_page_loaded()
    _add_pair_export()
    _lean_browser()
    from aicompare.worker import run_in_background

    run_in_background()  # the browser renders on the cores the run leaves free (kaleido's thread and it inherit this)
    try:
        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
    except Exception:  # an older kaleido: plotly starts a browser per image instead
        pass
    _SERVER_STARTED = True


# Chromium switches added to choreographer's: headless Chrome otherwise preloads the omnibox pop-up's WebUI in a
# renderer of its own (about 2 s of CPU at start-up, a third of the browser's start), and looks for updates online.
BROWSER_SWITCHES = ("--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup", "--disable-background-networking")


def _lean_browser() -> None:
    """Start kaleido's Chromium with :data:`BROWSER_SWITCHES` as well (choreographer has no option for extra switches,
    so its command line is extended; a choreographer without ``Chromium.get_cli`` starts the browser as it is)."""
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:
        return
    original = getattr(Chromium, "get_cli", None)
    if original is None or getattr(original, "aicompare_lean", False):
        return

    def get_cli(self):
        cli = list(original(self))
        return cli + [s for s in BROWSER_SWITCHES if s not in cli]

    get_cli.aicompare_lean = True
    Chromium.get_cli = get_cli


async def _return_loaded_tab(self, tab) -> None:
    """kaleido's tab hand-back without its page reload (see :func:`_keep_page_loaded`)."""
    await self.tabs_ready.put(tab)


def _keep_page_loaded() -> None:
    """Let kaleido reuse its page between images instead of reloading it after each one.

    kaleido 1.x reloads the page (with plotly.js, 3.5 MB of script) after every image; its script already purges
    each figure when the image is made, so the loaded page renders the next one into the same bytes (tested:
    ``tests/test_figures_export.py``). On the default corpus's 41 images this halves the browser's CPU time
    (39.6 s -> 19.4 s). Only the tab hand-back of kaleido's ``Kaleido`` class is replaced; a kaleido without it
    (another version) keeps reloading."""
    try:
        from kaleido.kaleido import Kaleido
    except ImportError:
        return
    if hasattr(Kaleido, "_return_kaleido_tab"):
        Kaleido._return_kaleido_tab = _return_loaded_tab


def _add_pair_export() -> None:
    """Give kaleido's ``Kaleido`` the one-rendering PNG+SVG export (:func:`_svg_and_png`) when this kaleido has the
    parts it uses; :func:`to_static_formats` exports one format at a time otherwise."""
    global _PAIR_READY
    try:
        from kaleido._kaleido_tab._devtools_utils import exec_js_fn  # noqa: F401
        from kaleido._utils.fig_tools import coerce_for_js  # noqa: F401
        from kaleido.kaleido import Kaleido
    except ImportError:
        return
    if all(hasattr(Kaleido, a) for a in ("_get_kaleido_tab", "_return_kaleido_tab")):
        Kaleido.aicompare_svg_and_png = _svg_and_png
        _PAIR_READY = True


# PNG and SVG of a figure from one rendering: kaleido's page draws the figure to SVG (as for an SVG export), then
# plotly.js rasterises that SVG at the PNG's scale with the same function its own PNG export ends with
# (Plotly.Snapshot.svgToImg), so both files have the bytes of two separate exports (tested) for one plot's work.
_SVG_AND_PNG_JS = r"""function(spec, topojson, stepper, scale) {
  return kaleido_scopes.plotly(spec, topojson, stepper).then(function(res) {
    if (res.code !== 0) { return JSON.stringify({svg: res}); }
    var canvas = document.createElement('canvas');
    return Plotly.Snapshot.svgToImg({format: 'png', width: res.width, height: res.height, scale: scale,
                                     canvas: canvas, svg: res.result, promise: true})
      .then(function(png) { return JSON.stringify({svg: res, png: png.slice(png.indexOf(',') + 1)}); });
  });
}"""
_PAIR_READY = False  # kaleido has what the one-rendering PNG+SVG export needs (set by _add_pair_export)


async def _svg_and_png(self, fig: dict, scale: float) -> tuple[bytes, bytes]:
    """(PNG, SVG) bytes of ``fig`` (a figure dict) on one of kaleido's tabs; a method of kaleido's ``Kaleido``."""
    import asyncio
    import base64
    import json

    from kaleido._kaleido_tab._devtools_utils import exec_js_fn
    from kaleido._utils.fig_tools import coerce_for_js

    spec = coerce_for_js(fig, None, {"format": "svg", "scale": 1})
    tab = await self._get_kaleido_tab()
    try:
        result = exec_js_fn(tab.tab, tab._current_js_id, _SVG_AND_PNG_JS, spec, None, False, scale)
        timeout = getattr(self, "_timeout", None)
        result = await (asyncio.wait_for(result, timeout) if timeout else result)
    finally:
        await self._return_kaleido_tab(tab)
    if "error" in result:
        raise RuntimeError(f"the browser reported {result['error']}")
    answer = json.loads(result["result"]["result"]["value"])
    if answer["svg"].get("code") != 0:
        raise RuntimeError(f"plotly.js could not draw the figure: {answer['svg'].get('message')}")
    return base64.b64decode(answer["png"]), answer["svg"]["result"].encode("utf-8")


def _abandon_export_server(browser: str | None) -> None:
    """After a stalled export: forget kaleido's server (its exit hook would wait for it forever) and end the
    browser processes this process started."""
    import signal

    global _SERVER_STARTED
    _SERVER_STARTED = False  # a later export (after the browser is fixed) starts a fresh server
    try:
        from kaleido._sync_server import GlobalKaleidoServer

        GlobalKaleidoServer()._initialized = False  # close() at exit then returns at once
    except Exception:
        pass
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmd = (stat.parent / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
        except (OSError, IndexError):
            continue
        if fields[1] == me and browser and Path(cmd).name == Path(browser).name:
            with contextlib.suppress(OSError):
                os.kill(int(stat.parent.name), signal.SIGKILL)


def _browser_on_every_core() -> None:
    """Let the processes this process started (the browser among them) use every core again: they run on all
    cores but one while the run computes (:func:`aicompare.worker.run_in_background`)."""
    if not hasattr(os, "sched_setaffinity"):
        return
    cores = os.sched_getaffinity(0)
    for pid in _descendants():
        for task in Path(f"/proc/{pid}/task").glob("[0-9]*"):  # each thread has its own cores
            with contextlib.suppress(OSError, ValueError):
                os.sched_setaffinity(int(task.name), cores)


def _descendants(apart_from: AbstractSet[int] = frozenset()) -> set[int]:
    """pids of the processes this process started, and of those they started (from /proc; empty elsewhere).
    The processes in ``apart_from`` and those they started are left out, even those started later (a browser of
    an earlier run may start a renderer at any time)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = set(), [os.getpid()]
    while todo:
        for pid in children.get(todo.pop(), ()):
            if pid not in found and pid not in apart_from:
                found.add(pid)
                todo.append(pid)
    return found


def reset_static_export() -> None:
    """Forget this process's decision and export server (after installing a browser, or in tests): the next
    export decides again and starts a fresh server."""
    global _STATUS
    _abandon_export_server(None)
    _STATUS = None


def _export_with_limit(fig: go.Figure | dict, fmt: str, scale: float) -> bytes:
    """``plotly.io.to_image`` of ``fig`` (a figure, or a figure's ``to_dict()``, taken as it is) on a daemon
    thread, abandoned after :func:`static_timeout` seconds."""

    def call() -> bytes:
        import warnings

        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            import plotly.io as pio

            return pio.to_image(fig, format=fmt, scale=scale if fmt == "png" else 1, validate=False)

    return _with_limit(call, fmt.upper())


def _pair_with_limit(fig: dict, scale: float) -> tuple[bytes, bytes]:
    """(PNG, SVG) of a figure dict from one rendering (:func:`_svg_and_png`), within :func:`static_timeout`."""

    def call() -> tuple[bytes, bytes]:
        from kaleido._sync_server import GlobalKaleidoServer

        server = GlobalKaleidoServer()
        if not server.is_running():
            raise RuntimeError("kaleido's export server is not running")
        return server.call_function("aicompare_svg_and_png", fig, scale)

    return _with_limit(call, "PNG and SVG")


def _with_limit(call, what: str):
    """``call()`` on a daemon thread (after starting the export server), abandoned after :func:`static_timeout`
    seconds; a stall ends the browser, any other failure is a :class:`FigureExportError`."""
    import threading

    box: dict = {}

    def work() -> None:
        try:
            _static_export_server()
            box["data"] = call()
        except BaseException as exc:  # reported to the caller below
            box["error"] = exc

    limit = static_timeout()
    t = threading.Thread(target=work, name="static-export-call", daemon=True)
    t.start()
    t.join(limit)
    if t.is_alive():
        _abandon_export_server(_STATUS.browser if _STATUS else None)
        raise FigureExportError(f"the browser ({_STATUS.browser if _STATUS else 'Chromium'}) did not answer within {limit:.0f} s "
                                f"(AICOMPARE_STATIC_TIMEOUT). {INSTALL_HINT}")
    if "error" in box:
        exc = box["error"]
        raise FigureExportError(f"static {what} export failed ({type(exc).__name__}: {exc}). "
                                f"{INSTALL_HINT}") from exc
    return box["data"]


def _fix_trace_uids(fig: go.Figure) -> None:
    """plotly.js gives traces random ids (they end up in SVG classes); give them stable ones instead."""
    for i, trace in enumerate(fig.data):
        if trace.uid is None:
            trace.uid = f"trace{i:03d}"


def to_static(fig: go.Figure | dict, fmt: str = "png", scale: float = 1.0) -> bytes:
    """PNG or SVG bytes of ``fig`` (deterministic: SVG ids fixed), through the persistent export server; ``fig``
    may be a figure's ``to_dict()`` (with stable trace ids already). Raises :class:`FigureExportError` when
    static export is unavailable or stalls (then it stays off)."""
    status = static_export_status()
    if not status.available:
        raise FigureExportError(status.reason)
    if isinstance(fig, go.Figure):
        _fix_trace_uids(fig)
    try:
        data = _export_with_limit(fig, fmt, scale)
    except FigureExportError as exc:
        if "did not answer" in str(exc):
            _disable_static(str(exc))
        raise
    return _stable_svg(data) if fmt == "svg" else data


def to_static_formats(fig: go.Figure | dict, fmts: Iterable[str], scale: float = 1.0) -> dict[str, bytes]:
    """:func:`to_static` of each of ``fmts`` (``png``, ``svg``), by format. PNG and SVG together come from one
    rendering of the figure where kaleido allows it (the same bytes as two exports, about a third less browser
    time); otherwise, or when that fails for another reason than a stall, from one export each."""
    global _PAIR_READY
    fmts = list(fmts)
    if sorted(fmts) == ["png", "svg"]:
        status = static_export_status()  # also starts the server, which decides _PAIR_READY
        if not status.available:
            raise FigureExportError(status.reason)
        if _PAIR_READY:
            if isinstance(fig, go.Figure):
                _fix_trace_uids(fig)
                fig = fig.to_dict()
            try:
                png, svg = _pair_with_limit(fig, scale)
                return {"png": png, "svg": _stable_svg(svg)}
            except FigureExportError as exc:
                if "did not answer" in str(exc):
                    _disable_static(str(exc))
                    raise
                _PAIR_READY = False  # this kaleido or plotly.js does not allow it: one export each from now on
    return {fmt: to_static(fig, fmt, scale) for fmt in fmts}


def _stable_svg(svg: bytes) -> bytes:
    """The SVG with plotly.js's random figure id fixed and each element's attributes in name order. plotly.js
    sets attributes in an order that depends on its text-measurement cache (what the page drew before), so
    without the sort the same figure could be written with its attributes in another order."""
    m = _SVG_UID.search(svg)
    if m:
        svg = svg.replace(m.group(1), b"000000")
    return _SVG_TAG.sub(_sorted_attributes, svg)


def _sorted_attributes(tag: re.Match) -> bytes:
    attrs = _SVG_ATTR.findall(tag.group(2))
    return b"<" + tag.group(1) + b"".join(b" " + a for a in sorted(attrs, key=lambda a: a.split(b"=", 1)[0])) \
        + tag.group(3) + b">"


def figure_title(fig: go.Figure) -> str:
    """The figure's title as plain text (used for the HTML page title and the chart's accessible label)."""
    text = fig.layout.title.text or ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def _titled(html: str, name: str, title: str) -> str:
    """Give the standalone HTML a <title> and the chart an accessible name (screen readers, browser tabs)."""
    from html import escape

    t = escape(title, quote=True)
    html = html.replace("<head>", f"<head><title>{t}</title>", 1)
    return html.replace(f'<div id="fig-{name}"', f'<div role="img" aria-label="{t}" id="fig-{name}"', 1)


def save_figure(
    fig: go.Figure,
    name: str,
    out_dir: str | Path | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    scale: float = 2.0,
) -> list[Path]:
    """Write ``fig`` as ``out_dir/name.{html,png,svg}`` atomically; return the paths written."""
    out = Path(out_dir) if out_dir is not None else figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    fmts = list(formats)
    _fix_trace_uids(fig)
    if "html" in fmts:
        js = out / "plotly.min.js"
        if not js.exists():
            from plotly.offline import get_plotlyjs

            write_text(js, get_plotlyjs())
        html = fig.to_html(include_plotlyjs="plotly.min.js", full_html=True, div_id=f"fig-{name}")
        written.append(write_text(out / f"{name}.html", _titled(html, name, figure_title(fig) or name)))
    static = [fmt for fmt in ("png", "svg") if fmt in fmts]
    if static and not static_export_status().available:
        static = []  # said once by the caller (static_export_status().reason); HTML is enough to work with
    paths = {fmt: out / f"{name}.{fmt}" for fmt in static}
    if static and _DEFERRED is not None:
        _DEFERRED.submit(fig.to_dict(), paths, scale)  # a snapshot: later changes must not reach it
        written += paths.values()
    elif static:
        try:
            images = to_static_formats(fig, static, scale)
        except FigureExportError:
            return written  # static export stalled and is now off; the caller reports it once
        written += [write_bytes(paths[fmt], images[fmt]) for fmt in static]
    return written


class StaticExports:
    """PNG/SVG exports queued on one background thread (see :func:`deferred_static_export`)."""

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.label = ""  # set by the caller: which step queued the following exports
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="static-export")
        self._jobs: list[tuple[str, Path, object]] = []

    def submit(self, fig: go.Figure | dict, paths: dict[str, Path], scale: float) -> None:
        """Queue the export of ``fig`` to ``paths`` (by format): a figure's ``to_dict()`` snapshot (a figure
        given here is snapshotted now, so that later changes by the caller do not reach the images)."""
        if isinstance(fig, go.Figure):
            _fix_trace_uids(fig)
            fig = fig.to_dict()

        def export() -> None:
            images = to_static_formats(fig, list(paths), scale)
            for fmt, path in paths.items():
                write_bytes(path, images[fmt])

        job = self._pool.submit(export)
        self._jobs.append((self.label, list(paths.values()), job))

    def wait(self) -> list[tuple[str, Path, str]]:
        """Wait for every export; return (label, path, error message) of those that failed for another reason
        than static export being unavailable (those are listed in ``skipped``)."""
        if any(not job.done() for _, _, job in self._jobs):
            _browser_on_every_core()  # the caller's own work is done: nothing left for the browser to leave room for
        self._pool.shutdown(wait=True)
        failed = []
        self.skipped: list[Path] = []
        for label, paths, job in self._jobs:
            exc = job.exception()
            if isinstance(exc, FigureExportError):
                self.skipped += paths
            elif exc is not None:
                failed += [(label, path, f"{type(exc).__name__}: {exc}") for path in paths]
        return failed


_DEFERRED: StaticExports | None = None


@contextlib.contextmanager
def deferred_static_export():
    """Inside the block, ``save_figure`` writes HTML at once and queues PNG/SVG export on a background
    thread, so the browser renders while the caller computes the next tables. The block waits for every
    export at its end; the yielded object's ``failures`` then lists the exports that failed."""
    global _DEFERRED
    exports = StaticExports()
    _DEFERRED = exports
    try:
        yield exports
    finally:
        _DEFERRED = None
        exports.failures = exports.wait()


_SHOW_NOTICE_GIVEN = False


def show(fig: go.Figure, width: int | None = None):
    """Display ``fig`` in a notebook: a PNG when static export works (small, stable notebooks), otherwise the
    interactive figure, with one notice per session saying what to install for PNGs."""
    global _SHOW_NOTICE_GIVEN
    from IPython.display import Image

    status = static_export_status()
    if status.available:
        try:
            return Image(to_static(fig, "png", 2.0), width=width or fig.layout.width)
        except FigureExportError:
            status = static_export_status()
    if not _SHOW_NOTICE_GIVEN:
        print(f"(interactive figure; PNG preview unavailable: {status.reason})")
        _SHOW_NOTICE_GIVEN = True
    return fig
