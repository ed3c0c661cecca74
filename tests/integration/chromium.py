"""Headless Chromium for the tests of pages attnmap writes, driven over the DevTools protocol.

Standard library only. Chromium runs with --remote-debugging-pipe: it reads commands from its
file descriptor 3 and writes replies and events to 4, each a JSON text ended by a NUL byte. It runs
headless with --no-sandbox, so this works as root in a container without a display. $CHROMIUM
names the binary.

Closing is part of the contract: `Browser.close` asks Chromium to quit (the DevTools command
Browser.close), waits for the browser process and then for every process it started (this
process is their subreaper, so they are its to wait for), and only then removes the profile
directory. Nothing is left writing into the profile while it is removed, and a check that passed
is never failed by its clean-up.

    with Browser.launch(deadline=time.monotonic() + 60) as browser:
        browser.open(path.as_uri())
        title = browser.evaluate("document.title")
"""
import ctypes
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
         "--disable-sync", "--mute-audio", "--remote-debugging-pipe", "--window-size=1400,1000"]
# How long Chromium and its helpers get to quit after Browser.close before they are killed.
QUIT_SECONDS = 20
PR_SET_CHILD_SUBREAPER = 36


class CheckFailed(Exception):
    pass


def find_binary():
    """The Chromium to run: $CHROMIUM, else the first of BROWSERS on the PATH; None if none."""
    return os.environ.get("CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)


def become_subreaper():
    """Makes the processes Chromium starts, once orphaned, children of this one (Linux), so that
    close() can wait for each of them rather than guess when they are gone."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def children_of(pid: int) -> list:
    """The processes whose parent is pid, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    # pid (comm) state ppid ...: comm may hold spaces and parentheses
                    fields = f.read().rsplit(b")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


class Browser:
    """One headless Chromium and one page in it, spoken to over the DevTools pipe."""

    @classmethod
    def launch(cls, deadline: float, binary: str = None):
        binary = binary or find_binary()
        if not binary:
            raise FileNotFoundError("no Chromium (install the Debian package chromium)")
        return cls(binary, deadline)

    def __init__(self, binary: str, deadline: float):
        self.deadline = deadline
        self.subreaper = become_subreaper()
        self.profile = tempfile.mkdtemp(prefix="attnmap-chromium-")
        self.log = tempfile.TemporaryFile()
        commands_read, self.commands = os.pipe()
        self.replies, replies_write = os.pipe()

        def map_pipes():
            # In the child, before exec: the pipe ends become descriptors 3 and 4 (inheritable, as
            # dup2 makes them); copied above 10 first so that neither overwrites the other.
            read_end, write_end = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_read, replies_write))
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
            os.close(read_end)
            os.close(write_end)

        # close_fds=False keeps 3 and 4 open; Python's own descriptors are close-on-exec anyway.
        # A session of its own: the whole process group can be signalled if it will not quit.
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, close_fds=False,
            preexec_fn=map_pipes, start_new_session=True)
        os.close(commands_read)
        os.close(replies_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []  # every event received, in order: (method, params)
        self.session = None
        self.closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # --- closing ------------------------------------------------------------------------------

    def close(self):
        """Quits Chromium, waits for all its processes, removes the profile. Never raises."""
        if self.closed:
            return
        self.closed = True
        if self.process.poll() is None:
            try:
                self.deadline = time.monotonic() + 5
                self.call("Browser.close", page=False)
            except (CheckFailed, OSError, ValueError):
                pass  # the waits below still end it
        killer = threading.Timer(QUIT_SECONDS, self._kill_everything)
        killer.start()
        try:
            self.process.wait()
            self._reap_helpers()
        finally:
            killer.cancel()
        for fd in (self.commands, self.replies):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            shutil.rmtree(self.profile)
        except OSError as e:  # not the check's result: say so, do not fail it
            print(f"chromium.py: note: could not remove the profile {self.profile}: {e}", file=sys.stderr)

    def _reap_helpers(self):
        """Waits for every process Chromium started: as their subreaper, each orphaned helper is
        a child of this process. Without subreaping (not Linux), waits for its process group."""
        if self.subreaper:
            while True:
                try:
                    os.waitpid(-1, 0)
                except ChildProcessError:
                    return
                except InterruptedError:
                    continue
        while True:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)  # no process to wait on: poll the group until it is empty

    def _kill_everything(self):
        """Chromium did not quit in QUIT_SECONDS: SIGKILL it, its group and every child left."""
        for kill in (lambda: os.killpg(self.process.pid, signal.SIGKILL),
                     *(lambda pid=pid: os.kill(pid, signal.SIGKILL) for pid in children_of(os.getpid()))):
            try:
                kill()
            except OSError:
                pass

    # --- the protocol -------------------------------------------------------------------------

    def browser_log(self) -> str:
        """The end of Chromium's own output, less its complaints about the missing D-Bus."""
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").splitlines()
        return "\n".join(line for line in lines if "dbus" not in line)[-4000:]

    def _receive(self) -> dict:
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise CheckFailed("timed out waiting for Chromium")
            ready, _, _ = select.select([self.replies], [], [], left)
            if ready:
                chunk = os.read(self.replies, 1 << 16)
                if not chunk:
                    raise CheckFailed(f"Chromium exited (status {self.process.wait()})")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict = None, page: bool = True) -> dict:
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if page and self.session:
            command["sessionId"] = self.session
        try:
            os.write(self.commands, json.dumps(command).encode() + b"\0")
        except BrokenPipeError:
            raise CheckFailed(f"Chromium exited (status {self.process.wait()})") from None
        while True:
            message = self._receive()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise CheckFailed(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append((message["method"], message.get("params", {})))

    def wait_for_event(self, method: str, since: int = 0):
        """The parameters of the first `method` event at or after events[since], waiting for it."""
        seen = since
        while True:
            for name, params in self.events[seen:]:
                if name == method:
                    return params
            seen = len(self.events)
            message = self._receive()
            if "method" in message:
                self.events.append((message["method"], message.get("params", {})))

    def open(self, url: str):
        target = self.call("Target.createTarget", {"url": "about:blank"}, page=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 page=False)["sessionId"]
        # Network too: a check can then see every request the page makes (Network.requestWillBeSent).
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable")
        seen = len(self.events)  # an earlier page's load event is no sign this one loaded
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise CheckFailed(f"cannot open {url}: {result['errorText']}")
        # Loaded when a load event has come and the document is the one asked for (not about:blank).
        while True:
            self.wait_for_event("Page.loadEventFired", since=seen)
            seen = len(self.events)
            if self.evaluate("location.href").split("#")[0] == url.split("#")[0]:
                return

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (awaited when it is a promise)."""
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CheckFailed(f"script failed: {details.get('exception', {}).get('description') or details}")
        return result["result"].get("value")

    def errors(self) -> list:
        """What the page reported as an error: console.error, uncaught exceptions, failed loads."""
        found = []
        for method, params in self.events:
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console." + params["type"] + ": " +
                             " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                description = details.get("exception", {}).get("description") or details.get("text", "")
                found.append(f"uncaught: {description}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                found.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
        return found
