"""One timed run of a command: a fresh child process, wall-clock time from spawn to exit, and its
peak memory from the rusage that os.wait4 returns for that child alone.

ru_maxrss is the child's largest resident set in KiB (Linux); a child that itself waited for
children reports the largest of them or itself, not the sum (worker threads share one RSS).
Linux also counts the memory the child had before its exec, which for a child spawned from
Python is the parent's resident set: a child smaller than this harness reports the harness's
size instead of its own. rss_floor_mb() measures that floor (a child that does nothing).
"""
import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass


class RunFailed(RuntimeError):
    pass


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system, all threads
    max_rss_mb: float
    stdout: str
    stderr: str


def run_once(cmd, env=None, cwd=None, timeout=3600):
    """Runs `cmd` to completion; raises RunFailed (with the end of its stderr) when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-5:])
        raise RunFailed(f"{' '.join(map(str, cmd[:4]))} ... exited with {proc.returncode}:\n{tail}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr)


def rss_floor_mb():
    """The max RSS reported for a child that does nothing: below it, a child's own peak is hidden."""
    return run_once(["true"]).max_rss_mb


def output_of(cmd, env=None):
    """What `cmd` prints on stdout and stderr together; None when it cannot start or fails."""
    try:
        r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    except OSError:
        return None
    return r.stdout + r.stderr if r.returncode == 0 else None
