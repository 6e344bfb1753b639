"""A private CUPS server for tests: its own config, spool and socket, one file-backed queue."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

APT_HINT = "sudo apt-get install cups cups-bsd cups-client printer-driver-cups-pdf"
QUEUE = "kiosk-card"

# A driverless-style PDF printer: CUPS runs pdftopdf (which applies media / fit-to-page) and
# hands the resulting PDF to the device, here a file. Page sizes in points.
_PPD = """*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "KIOSKPDF.PPD"
*Manufacturer: "Kiosk"
*Product: "(Kiosk PDF card printer)"
*ModelName: "Kiosk PDF card printer"
*ShortNickName: "Kiosk PDF card printer"
*NickName: "Kiosk PDF card printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*PageSize CR80/ID-1 card: "<</PageSize[242.65 153.01]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]/ImagingBBox null>>setpagedevice"
*PageRegion CR80/ID-1 card: "<</PageSize[242.65 153.01]/ImagingBBox null>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*ImageableArea CR80/ID-1 card: "0 0 242.65 153.01"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*PaperDimension CR80/ID-1 card: "242.65 153.01"
*VariablePaperSize: True
*MaxMediaWidth: "1000"
*MaxMediaHeight: "1000"
*HWMargins: 0 0 0 0
*CustomPageSize True: "pop pop pop <</PageSize[5 -2 roll]/ImagingBBox null>>setpagedevice"
*ParamCustomPageSize Width: 1 points 36 1000
*ParamCustomPageSize Height: 2 points 36 1000
*ParamCustomPageSize WidthOffset: 3 points 0 0
*ParamCustomPageSize HeightOffset: 4 points 0 0
*ParamCustomPageSize Orientation: 5 int 0 0
"""


@dataclass
class CupsServer:
    """A running private cupsd: talk to it with CUPS_SERVER=`server`; jobs land in `output`."""

    server: str
    queue: str
    output: Path
    root: Path
    process: subprocess.Popen[bytes]

    def env(self) -> dict[str, str]:
        """The environment for lp/lpstat/lpadmin talking to this server."""
        return {**os.environ, "CUPS_SERVER": self.server, "LC_ALL": "C", "LANG": "C"}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a CUPS command against this server (10 s limit)."""
        return subprocess.run(
            list(args), env=self.env(), capture_output=True, text=True, timeout=10, check=False
        )

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until no job is pending or processing (CUPS has no push notification here)."""
        deadline = time.monotonic() + timeout
        pause = threading.Event()
        while time.monotonic() < deadline:
            pending = self.run("lpstat", "-o", self.queue)
            if pending.returncode == 0 and not pending.stdout.strip():
                return
            pause.wait(0.1)  # polling an external daemon: there is nothing to wait on
        raise AssertionError(f"CUPS jobs still pending after {timeout}s:\n{self.log()}")

    def reset_output(self) -> None:
        """Empty the output file before a job."""
        self.output.write_bytes(b"")

    def log(self) -> str:
        """The end of cupsd's error log (for failure messages)."""
        path = self.root / "log" / "error_log"
        return path.read_text(errors="replace")[-20000:] if path.exists() else ""


def _fail_or_skip(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CUPS test cannot run in CI: {reason}")
    pytest.skip(f"{reason}; install with: {APT_HINT}")


@contextmanager
def private_cups() -> Iterator[CupsServer]:
    """Start cupsd with its own ServerRoot and socket, add QUEUE writing PDFs to a file."""
    for tool in ("cupsd", "lpadmin", "lp", "lpstat"):
        if not shutil.which(tool) and not Path("/usr/sbin", tool).exists():
            _fail_or_skip(f"{tool} is not installed")
    if os.geteuid() != 0:
        _fail_or_skip("a private cupsd needs root here (it drops filters to user lp)")
    # Not under pytest's tmp_path: that is 0700 and the filters run as user lp.
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        os.chmod(root, 0o755)
        for sub in ("ppd", "spool", "spool/tmp", "cache", "state", "log", "out", "ssl"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        for sub in ("spool", "spool/tmp", "cache", "out"):
            shutil.chown(root / sub, "root", "lp")
            os.chmod(root / sub, 0o1777 if sub == "spool/tmp" else 0o775)
        sock = root / "cups.sock"
        output = root / "out" / "card.pdf"
        # cupsd opens a file: device without O_CREAT/O_TRUNC: the file must exist and be emptied
        # before each job (reset_output) or a shorter job leaves the old tail behind.
        output.touch(mode=0o660)
        (root / "cupsd.conf").write_text(
            f"Listen {sock}\nBrowsing No\nLogLevel info\nMaxLogSize 0\nWebInterface No\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        (root / "cups-files.conf").write_text(
            f"ServerRoot {root}\nRequestRoot {root / 'spool'}\nTempDir {root / 'spool/tmp'}\n"
            f"CacheDir {root / 'cache'}\nStateDir {root / 'state'}\n"
            f"ErrorLog {root / 'log/error_log'}\nAccessLog {root / 'log/access_log'}\n"
            f"PageLog {root / 'log/page_log'}\nServerKeychain {root / 'ssl'}\n"
            f"Printcap {root / 'printcap'}\n"
            "FileDevice Yes\nUser lp\nGroup lp\nSystemGroup root\n"
        )
        (root / "kiosk-pdf.ppd").write_text(_PPD)
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        proc = subprocess.Popen(
            [cupsd, "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        server = CupsServer(str(sock), QUEUE, output, root, proc)
        _wait_started(server)
        added = server.run(
            "lpadmin",
            "-p",
            QUEUE,
            "-E",
            "-v",
            f"file://{output}",
            "-P",
            str(root / "kiosk-pdf.ppd"),
        )
        if added.returncode != 0:
            _fail_or_skip(f"lpadmin failed: {added.stderr.strip()}\n{server.log()}")
        yield server
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        shutil.rmtree(root, ignore_errors=True)


def _wait_started(server: CupsServer, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            out = (
                server.process.stdout.read().decode(errors="replace")
                if server.process.stdout
                else ""
            )
            _fail_or_skip(f"cupsd exited with {server.process.returncode}: {out}\n{server.log()}")
        if server.run("lpstat", "-r").stdout.startswith("scheduler is running"):
            return
        pause.wait(0.1)  # polling an external daemon start-up
    _fail_or_skip(f"cupsd did not start within {timeout}s\n{server.log()}")
