#!/usr/bin/env python3
"""Plays a Dockerfile's build stage without a Docker engine: COPY applies .dockerignore the way Docker does
(patterns from the context root, `**`, `!` exceptions, a matched folder excludes what is inside it), RUN runs
locally with WORKDIR mapped under an image root. Used by scripts/docker-steps-check.sh.

usage: dockerignore-copy.py CONTEXT IMAGE_ROOT [--no-dockerignore]
"""
import os, re, shutil, subprocess, sys


def load_patterns(context, use_ignore):
    path = os.path.join(context, ".dockerignore")
    if not use_ignore or not os.path.exists(path):
        return []
    patterns = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:].strip()
        line = os.path.normpath(line.lstrip("/")).replace(os.sep, "/")
        patterns.append((negate, re.compile(to_regex(line))))
    return patterns


def to_regex(pattern):
    out, i = "^", 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"; i += 3; continue
        if pattern.startswith("**", i):
            out += ".*"; i += 2; continue
        if c == "*":
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        elif c == "[":
            end = pattern.find("]", i)
            if end < 0:
                out += re.escape(c)
            else:
                out += "[" + pattern[i + 1:end].replace("!", "^", 1) + "]"; i = end
        else:
            out += re.escape(c)
        i += 1
    return out + "$"


def ignored(relative, patterns):
    # Docker: the last matching pattern wins, and a path is matched if it or any parent folder matches.
    parts = relative.split("/")
    result = False
    for negate, regex in patterns:
        if any(regex.match("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            result = not negate
    return result


def copy(context, patterns, sources, destination):
    multiple = len(sources) > 1 or destination.endswith("/")
    for source in sources:
        source_path = os.path.join(context, source)
        if os.path.isdir(source_path):
            for folder, _, files in os.walk(source_path):
                for name in files:
                    full = os.path.join(folder, name)
                    relative = os.path.relpath(full, context).replace(os.sep, "/")
                    if ignored(relative, patterns):
                        continue
                    target = os.path.join(destination, os.path.relpath(full, source_path))
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    shutil.copy2(full, target)
        else:
            relative = os.path.normpath(source).replace(os.sep, "/")
            if ignored(relative, patterns):
                sys.exit(f"COPY {source}: excluded by .dockerignore (Docker would fail here)")
            target = os.path.join(destination, os.path.basename(source)) if multiple else destination
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            shutil.copy2(source_path, target)


def main():
    context, image = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    patterns = load_patterns(context, "--no-dockerignore" not in sys.argv)
    workdir = image
    stage = 0
    for line in open(os.path.join(context, "Dockerfile"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            stage += 1
            if stage > 1:
                break  # only the build stage: the runtime stage needs a Docker engine and adds nothing to build
            continue
        if instruction == "WORKDIR":
            workdir = os.path.join(image, rest.strip().lstrip("/"))
            os.makedirs(workdir, exist_ok=True)
        elif instruction == "COPY":
            if rest.startswith("--"):
                sys.exit(f"unsupported COPY flag: {line}")
            *sources, destination = rest.split()
            destination = os.path.join(workdir, destination) if not destination.startswith("/") else os.path.join(image, destination.lstrip("/"))
            if destination.endswith(os.sep + ".") or destination.endswith("/"):
                destination = destination.rstrip("./") + "/"
            print(f"+ COPY {rest}", flush=True)
            copy(context, patterns, sources, destination)
        elif instruction == "RUN":
            command = re.sub(r"(-o|--output)\s+/", rf"\1 {image}/", rest)
            print(f"+ RUN {command}", flush=True)
            code = subprocess.call(["bash", "-c", command], cwd=workdir)
            if code != 0:
                print(f"RUN failed with exit code {code}", flush=True)
                sys.exit(code)
        elif instruction in ("ENV", "ARG", "LABEL", "EXPOSE", "USER", "VOLUME", "ENTRYPOINT", "CMD"):
            continue
        else:
            sys.exit(f"unsupported instruction: {line}")


if __name__ == "__main__":
    main()
