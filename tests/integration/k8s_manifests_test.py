"""The Kubernetes example (examples/k8s) checked without a cluster: both manifests parse as YAML,
carry the fields an Indexed Job and its merge need, agree with each other (image, claim, output
directory, the shard count in completions and in --shard), and their command lines are real
attnmap commands: run here with the pods' variables filled in and /data mapped to a scratch
directory, every shard and then the merge, they give the same directory as one process.

  python tests/integration/k8s_manifests_test.py ATTNMAP_BINARY SOURCE_DIR
"""
import filecmp
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def load(path):
    docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
    check(len(docs) == 1, f"{path.name}: one YAML document")
    job = docs[0]
    check(job.get("apiVersion") == "batch/v1" and job.get("kind") == "Job", f"{path.name}: a batch/v1 Job")
    return job


def container(job):
    spec = job["spec"]["template"]["spec"]
    (c,) = spec["containers"]
    return spec, c


def options(args):
    """--name=value and bare --flag arguments as a dict (flags map to True)."""
    out = {}
    for a in args:
        name, eq, value = a.partition("=")
        out[name] = value if eq else True
    return out


def mount_of(spec, c, path):
    """The volume (from the pod spec) whose mount holds `path`, or None."""
    for m in c.get("volumeMounts", []):
        if path == m["mountPath"] or path.startswith(m["mountPath"].rstrip("/") + "/"):
            return next(v for v in spec["volumes"] if v["name"] == m["name"]), m["mountPath"]
    return None, None


def main():
    attnmap, src = sys.argv[1], Path(sys.argv[2])
    shards_job = load(src / "examples/k8s/shards.yaml")
    merge_job = load(src / "examples/k8s/merge.yaml")

    spec, shard = container(shards_job)
    n = shards_job["spec"].get("completions")
    check(shards_job["spec"].get("completionMode") == "Indexed", "shards: completionMode Indexed")
    check(isinstance(n, int) and n >= 1, f"shards: completions is a shard count ({n})")
    check(1 <= shards_job["spec"].get("parallelism", 1) <= n, "shards: parallelism at most completions")
    check(spec.get("restartPolicy") == "Never", "shards: restartPolicy Never (what backoffLimitPerIndex needs)")
    env = {e["name"]: e for e in shard.get("env", [])}
    index_env = [name for name, e in env.items()
                 if e.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == INDEX_ANNOTATION]
    check(len(index_env) == 1, "shards: one variable holds the job completion index (downward API)")
    check(shard.get("command") == ["attnmap"] and shard["args"][0] == "batch", "shards: runs attnmap batch")
    shard_opts = options(shard["args"][1:])
    check(shard_opts.get("--shard") == f"$({index_env[0] if index_env else '?'})/{n}",
          f"shards: --shard is INDEX/{n}, the completion count")
    check(shard_opts.get("--resume") is True, "shards: --resume, so a retried index continues")
    for var in re.findall(r"\$\((\w+)\)", " ".join(shard["args"])):
        check(var in env, f"shards: $({var}) is defined in the container's env")
    for name in ("--model", "--input", "--out-dir"):
        volume, _ = mount_of(spec, shard, str(shard_opts.get(name, "")))
        check(volume is not None and "persistentVolumeClaim" in volume, f"shards: {name} is on a mounted claim")

    mspec, merge = container(merge_job)
    merge_opts = options(merge["args"][1:])
    check(merge.get("command") == ["attnmap"] and merge["args"][0] == "batch" and merge_opts.get("--merge") is True,
          "merge: runs attnmap batch --merge")
    check(merge_opts.get("--out-dir") == shard_opts.get("--out-dir"), "merge: the shards' --out-dir")
    check(merge.get("image") == shard.get("image"), "merge: the shards' image")
    mvolume, mpath = mount_of(mspec, merge, str(merge_opts.get("--out-dir", "")))
    svolume, spath = mount_of(spec, shard, str(shard_opts.get("--out-dir", "")))
    check(mvolume is not None and svolume is not None and mpath == spath and
          mvolume.get("persistentVolumeClaim") == svolume.get("persistentVolumeClaim"),
          "merge: the same claim at the same path")

    # The command lines themselves, run here: /data is a scratch directory holding the model and
    # the data set where the manifests expect them.
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        mount = spath or "/data"

        def local(arg):
            return arg.replace(mount, str(data), 1) if mount in arg else arg

        model = Path(local(shard_opts["--model"]))
        model.parent.mkdir(parents=True, exist_ok=True)
        model.symlink_to(src / "models" / model.name)
        data_set = Path(local(shard_opts["--input"]))
        data_set.parent.mkdir(parents=True, exist_ok=True)
        raw = (src / "examples/sentiment/test.tsv").read_bytes()
        if data_set.suffix == ".gz":
            import gzip
            raw = gzip.compress(raw, mtime=0)
        data_set.write_bytes(raw)
        run_env = {**os.environ, "HF_HUB_OFFLINE": "1"}

        def run(args, values):
            argv = [attnmap] + [local(re.sub(r"\$\((\w+)\)", lambda m: values[m.group(1)], a)) for a in args]
            r = subprocess.run(argv, capture_output=True, text=True, env=run_env)
            if r.returncode != 0:
                print(" ".join(argv), "\n", r.stderr[-600:])
            return r.returncode == 0

        values = {name: "1" for name in env}
        ok = all(run(shard["args"], {**values, index_env[0]: str(k)}) for k in range(n)) if index_env else False
        check(ok, f"every shard's command line runs ({n} shards)")
        check(run(merge["args"], {}), "the merge's command line runs")
        out = Path(local(shard_opts["--out-dir"]))
        whole = data / "whole"
        one = [a for a in shard["args"] if not a.startswith(("--shard", "--out-dir"))] + [f"--out-dir={whole}"]
        check(run(one, values), "the same command as one process runs")
        files = sorted(str(p.relative_to(whole)) for p in whole.rglob("*") if p.is_file())
        merged = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and ".shard-" not in p.name)
        check(files == merged, f"the merged run has the one-process run's files ({len(files)})")
        same = all(filecmp.cmp(whole / f, out / f, shallow=False) for f in files if f in merged)
        check(same, "and every file has the same bytes")

    print(f"k8s manifests: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
