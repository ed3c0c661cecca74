"""The machine and software a benchmark ran on, for the report: CPU, cores, memory, load, and the
versions of attnmap, libtorch and the Python packages the peers use."""
import os
import platform
import subprocess

PACKAGES = ["torch", "transformers", "tokenizers", "captum", "matplotlib", "seaborn", "numpy"]


def _cpu_model():
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib():
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 ** 2, 1)
    return None


def describe(attnmap, python):
    """Facts about this machine; `python` is the interpreter the peers run with (its packages)."""
    attnmap_version = subprocess.run([attnmap, "--version"], capture_output=True, text=True).stdout.strip()
    versions = subprocess.run(
        [python, "-c", "import sys; from importlib import metadata as m\n"
                       "for p in sys.argv[1:]:\n"
                       "    try: print(p, m.version(p))\n"
                       "    except m.PackageNotFoundError: print(p, 'not installed')", *PACKAGES],
        capture_output=True, text=True).stdout.split("\n")
    packages = dict(line.split(" ", 1) for line in versions if line)
    return {
        "cpu": _cpu_model(),
        "logical_cpus": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                                 capture_output=True, text=True).stdout.strip(),
        "attnmap": attnmap_version,
        "packages": packages,
        "load_average_at_start": os.getloadavg(),
    }


def summary(m):
    """Two lines for the top of the table."""
    pk = m["packages"]
    return (f"{m['cpu']}, {m['usable_cpus']} of {m['logical_cpus']} CPUs usable, {m['memory_gib']} GiB, {m['os']}; "
            f"load average {m['load_average_at_start'][0]:.2f} at start\n"
            f"{m['attnmap']}; Python {m['python']}, torch {pk.get('torch')}, transformers {pk.get('transformers')}, "
            f"tokenizers {pk.get('tokenizers')}, captum {pk.get('captum')}, matplotlib {pk.get('matplotlib')}, "
            f"seaborn {pk.get('seaborn')}")
