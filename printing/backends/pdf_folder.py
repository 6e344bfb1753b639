"""A virtual printer that files every job under the output folder (demo, testing, hot folders)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from printing.backends.base import Payload, Printer, PrinterStatus, display_name, printer_error

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class PdfFolderPrinter(Printer):
    """Writes `<output_dir>/<role>/<name>.pdf` (or `.bin` for ESC/POS bytes), never overwriting."""

    accepts = ("escpos", "pdf")

    def __init__(self, role: str, output_dir: Path) -> None:
        self.role = role
        self.folder = Path(output_dir) / role
        self.name = display_name(role, str(self.folder))
        self.last_written: Path | None = None  # where the newest job went (`printers test`)

    def send(self, payload: Payload) -> None:
        """Write the job atomically (temp file then rename) with mode 0600."""
        self.check_accepts(payload)
        suffix = ".pdf" if payload.kind == "pdf" else ".bin"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.last_written = self.write(payload, suffix)
        except OSError as exc:
            raise printer_error("printer.offline", self.name, str(exc)) from exc

    def write(self, payload: Payload, suffix: str) -> Path:
        """Write `payload` under a free name and return the path written."""
        base = _UNSAFE.sub("_", payload.name).strip("._") or "job"
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload.data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            for n in range(1, 10_000):
                target = self.folder / (f"{base}{suffix}" if n == 1 else f"{base}-{n}{suffix}")
                # link() fails if the target exists, so two writers can never overwrite each
                # other; os.replace() would silently clobber.
                try:
                    os.link(tmp, target)
                except FileExistsError:
                    continue
                except OSError:
                    # No hard links (FAT, some network shares): check then rename.
                    if target.exists():
                        continue
                    os.replace(tmp, target)
                return target
            raise FileExistsError(f"no free name for {base}{suffix}")
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def status(self) -> PrinterStatus:
        """Online whenever the folder can be written (a folder never runs out of paper)."""
        unwritable = PrinterStatus(
            False, "unknown", "Không ghi được thư mục", "Cannot write to the folder"
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return unwritable
        if not os.access(self.folder, os.W_OK):
            return unwritable
        return PrinterStatus(
            True, "ok", "Lưu tệp PDF vào thư mục", "Saving PDF files to the folder"
        )
