#!/usr/bin/env python3
"""ghost conformance driver for Python (protocol v1, docs/driver-protocol.md).

Loads an implementation (a module file or a package) and serves JSON-line requests on
stdin/stdout. Standard library only. The protocol runs on private duplicates of fds 0 and 1:
fd 0 becomes /dev/null and fd 1 a capture file, so nothing the implementation does (print,
os.write(1, ...), C extensions, subprocesses) can read the requests or corrupt the responses.
"""

# Everything the driver needs is imported now, before the implementation directory goes on
# sys.path: an implementation's datetime.py must not replace the driver's.
import base64
import collections.abc as abc
import dataclasses
import datetime
import decimal
import enum
import fractions
import importlib
import importlib.util
import io
import json
import math
import os
import re
import sys
import traceback

LANGUAGE = "python"
OUTPUT_LIMIT = 64 * 1024
LINE_LIMIT = 16 * 1024 * 1024
MAX_DEPTH = 2000
SAFE_INT = 2**53 - 1

# ------------------------------------------------------------------ protocol stream + capture


class Channel:
    """The protocol: requests from a dup of fd 0, responses to a dup of fd 1."""

    def __init__(self):
        self.inp = os.fdopen(os.dup(0), "rb", buffering=1 << 16)
        self.out = os.fdopen(os.dup(1), "wb", buffering=1 << 16)
        self.capture_fd = self._capture_fd()
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.dup2(self.capture_fd, 1)
        self.null_stdin = sys.stdin = open(os.devnull, "r")
        # Python-level stdout goes to fd 1 (the capture file), line-buffered.
        self.call_stdout = sys.stdout = io.TextIOWrapper(
            io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace", line_buffering=True
        )
        self.real_stderr = sys.stderr
        self.call_stderr = io.TextIOWrapper(
            io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace", line_buffering=True
        )

    @staticmethod
    def _capture_fd():
        if hasattr(os, "memfd_create"):
            try:
                return os.memfd_create("ghost-output")
            except OSError:
                pass
        try:
            import tempfile

            f = tempfile.TemporaryFile()
            fd = os.dup(f.fileno())
            f.close()
            return fd
        except OSError:
            return os.open(os.devnull, os.O_RDWR)

    def begin_call(self):
        self.take_output()
        # Every call starts with the driver's streams, whatever the previous one did to them.
        sys.stdout, sys.stderr, sys.stdin = self.call_stdout, self.call_stderr, self.null_stdin

    def end_call(self):
        sys.stderr = self.real_stderr

    def take_output(self):
        for stream in (sys.stdout, self.call_stdout, self.call_stderr):
            try:
                stream.flush()
            except Exception:
                pass
        fd = self.capture_fd
        try:
            size = os.fstat(fd).st_size
        except OSError:
            return ""
        if size == 0:
            return ""
        data = os.pread(fd, min(size, OUTPUT_LIMIT), 0)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        text = data.decode("utf-8", errors="replace")
        if size > OUTPUT_LIMIT:
            text += "\n[ghost: output truncated, %d more bytes]" % (size - OUTPUT_LIMIT)
        return text

    def send(self, obj):
        line = json.dumps(obj, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
        if len(line) > LINE_LIMIT and obj.get("id") is not None:
            line = json.dumps(
                {
                    "id": obj["id"],
                    "ok": False,
                    "error": {"kind": "ResultTooLarge", "message": "response of %d characters exceeds the 16 MiB line limit" % len(line)},
                }
            )
        self.out.write(line.encode("ascii") + b"\n")
        self.out.flush()

    def lines(self):
        while True:
            line = self.inp.readline()
            if not line:
                return
            yield line


def log(msg):
    try:
        os.write(2, ("[ghost python driver] %s\n" % msg).encode("utf-8", "replace"))
    except OSError:
        pass


# ------------------------------------------------------------------ values


def decode(v):
    if isinstance(v, list):
        return [decode(x) for x in v]
    if isinstance(v, dict):
        tag = v.get("$ghost")
        if isinstance(tag, str):
            if tag == "nan":
                return float("nan")
            if tag == "inf":
                return float("inf")
            if tag == "-inf":
                return float("-inf")
            if tag == "bigint":
                return int(v["value"])
            if tag == "bytes":
                return base64.b64decode(v.get("base64", ""))
            if tag == "object":  # an escaped user dict with a "$ghost" key of its own
                inner = v.get("value")
                return {k: decode(x) for k, x in inner.items()} if isinstance(inner, dict) else {}
        return {k: decode(x) for k, x in v.items()}
    return v


def escape_object(d):
    """A result dict with a "$ghost" key of its own would read as a tag (a returned
    {"$ghost": "nan"} as NaN): it travels escaped, as {"$ghost": "object", "value": {...}}."""
    return {"$ghost": "object", "value": d} if "$ghost" in d else d


class UnserializableResult(Exception):
    pass


def encode_float(f):
    if math.isnan(f):
        return {"$ghost": "nan"}
    if math.isinf(f):
        return {"$ghost": "inf"} if f > 0 else {"$ghost": "-inf"}
    return f


def encode_int(i):
    if -SAFE_INT <= i <= SAFE_INT:
        return i
    return {"$ghost": "bigint", "value": str(i)}


def encode_key(k):
    if isinstance(k, str):
        return k
    if k is None:
        return "null"
    if isinstance(k, bool):
        return "true" if k else "false"
    if isinstance(k, float):
        return json.dumps(k) if math.isfinite(k) else str(k)
    if isinstance(k, (bytes, bytearray)):
        return k.decode("utf-8", "replace")
    if hasattr(k, "value") and isinstance(getattr(type(k), "__members__", None), dict):  # Enum
        return encode_key(k.value)
    return str(k)


def _sorted_if_sortable(items):
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=lambda x: json.dumps(encode(x, set(), 0), sort_keys=True, default=str))


def encode(v, stack, depth):
    if depth > MAX_DEPTH:
        raise UnserializableResult("result nested too deeply")
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return v
    t = type(v)
    if isinstance(v, enum.Enum):
        return encode(v.value, stack, depth + 1)
    if isinstance(v, int):
        return encode_int(int(v))
    if isinstance(v, float):
        return encode_float(float(v))
    if isinstance(v, (bytes, bytearray, memoryview)):
        return {"$ghost": "bytes", "base64": base64.b64encode(bytes(v)).decode("ascii")}
    key = id(v)
    if key in stack:
        raise UnserializableResult("result has a circular structure")
    stack.add(key)
    try:
        if isinstance(v, dict):
            return escape_object({encode_key(k): encode(x, stack, depth + 1) for k, x in v.items()})
        if isinstance(v, tuple) and hasattr(v, "_asdict"):  # namedtuple: a record
            return escape_object({k: encode(x, stack, depth + 1) for k, x in v._asdict().items()})
        if isinstance(v, (list, tuple)):
            return [encode(x, stack, depth + 1) for x in v]
        if isinstance(v, (set, frozenset)):
            return [encode(x, stack, depth + 1) for x in _sorted_if_sortable(list(v))]
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return escape_object({f.name: encode(getattr(v, f.name), stack, depth + 1) for f in dataclasses.fields(v)})
        if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
            return v.isoformat()
        if isinstance(v, datetime.timedelta):
            return encode_float(v.total_seconds())
        if isinstance(v, decimal.Decimal):
            if not v.is_finite():
                return encode_float(float(v))
            return encode_int(int(v)) if v == v.to_integral_value() else float(v)
        if isinstance(v, fractions.Fraction):
            return encode_int(int(v)) if v.denominator == 1 else float(v)
        if isinstance(v, complex):
            raise UnserializableResult("complex numbers have no JSON form")
        if isinstance(v, abc.Mapping):
            return escape_object({encode_key(k): encode(x, stack, depth + 1) for k, x in v.items()})
        if isinstance(v, (abc.Set,)):
            return [encode(x, stack, depth + 1) for x in _sorted_if_sortable(list(v))]
        if isinstance(v, (abc.Sequence, abc.Iterator, range, abc.KeysView, abc.ValuesView, abc.ItemsView)) or hasattr(v, "__next__"):
            return [encode(x, stack, depth + 1) for x in v]
        tolist = getattr(v, "tolist", None)  # numpy arrays and scalars
        if callable(tolist) and not isinstance(v, type):
            return encode(tolist(), stack, depth + 1)
        dump = getattr(v, "model_dump", None)  # pydantic v2
        if callable(dump):
            return encode(dump(), stack, depth + 1)
        if hasattr(v, "__dict__") and not callable(v):
            return escape_object({k: encode(x, stack, depth + 1) for k, x in vars(v).items() if not k.startswith("_")})
        if callable(v):
            raise UnserializableResult("result is a %s" % t.__name__)
        raise UnserializableResult("cannot encode a value of type %s" % t.__name__)
    finally:
        stack.discard(key)


# ------------------------------------------------------------------ errors

DRIVER_FILE = os.path.abspath(__file__)


def error_object(e):
    kind = type(e).__name__
    if isinstance(e, SystemExit):
        message = "sys.exit(%r) called by the implementation" % (e.code,)
    else:
        try:
            message = str(e)
        except Exception:
            message = "<unprintable %s>" % kind
        if isinstance(e, KeyError) and len(e.args) == 1:
            message = repr(e.args[0])
    err = {"kind": kind, "message": message}
    try:
        frames = [f for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename) != DRIVER_FILE]
        trace = "".join(traceback.format_list(frames)) + "".join(traceback.format_exception_only(type(e), e))
        err["trace"] = trace[-4000:]
    except Exception:
        pass
    return err


# ------------------------------------------------------------------ name mapping


def to_snake(name):
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.replace("-", "_").lower()


def normalize(name):
    return name.replace("_", "").replace("-", "").lower()


def lookup_path(module, path):
    obj = module
    for part in path.split("."):
        try:
            obj = getattr(obj, part)
        except Exception:
            return None
    return obj if callable(obj) else None


def resolve(module, spec, explicit):
    if isinstance(explicit, str) and explicit:
        fn = lookup_path(module, explicit)
        if fn is not None:
            return explicit, fn
    for name in (spec, to_snake(spec), spec + "_", to_snake(spec) + "_"):
        fn = getattr(module, name, None) if name.isidentifier() else None
        if callable(fn):
            return name, fn
    norm = normalize(spec)
    for name in sorted(vars(module)):
        if name.startswith("_"):
            continue
        if normalize(name) == norm and callable(getattr(module, name, None)):
            return name, getattr(module, name)
    return None


# ------------------------------------------------------------------ loading


class EntryNotFound(Exception):
    pass


SKIP_FILES = {"setup.py", "conftest.py", "noxfile.py", "fabfile.py", "manage.py"}
SKIP_DIRS = {"test", "tests", "build", "dist", "venv", "docs", "examples", "node_modules"}


def _is_test(name):
    return name.startswith("test_") or name.endswith("_test.py") or name in SKIP_FILES


def _candidates(root):
    """Modules (files) and packages (dirs with __init__.py) directly in root."""
    out = []
    try:
        entries = sorted(os.listdir(root))
    except OSError:
        return out
    for name in entries:
        if name.startswith(".") or name.startswith("_"):
            continue
        p = os.path.join(root, name)
        if os.path.isfile(p) and name.endswith(".py") and not _is_test(name):
            out.append(p)
        elif os.path.isdir(p) and name not in SKIP_DIRS and os.path.isfile(os.path.join(p, "__init__.py")):
            out.append(p)
    return out


def _score(path, functions):
    files = [path]
    if os.path.isdir(path):
        files = [os.path.join(path, f) for f in os.listdir(path) if f.endswith(".py")]
    text = ""
    for f in files:
        try:
            with open(f, encoding="utf-8", errors="replace") as fh:
                text += fh.read()
        except OSError:
            pass
    score = 0
    for fn in set(functions):
        for variant in {fn, to_snake(fn)}:
            if re.search(r"\b%s\b" % re.escape(variant), text):
                score += 1
                break
    return score


def autodetect(impl_dir, functions):
    if os.path.isfile(os.path.join(impl_dir, "__init__.py")):
        return impl_dir
    roots = [impl_dir]
    if os.path.isdir(os.path.join(impl_dir, "src")):
        roots.insert(0, os.path.join(impl_dir, "src"))
    pyproject = os.path.join(impl_dir, "pyproject.toml")
    if os.path.isfile(pyproject):
        try:
            with open(pyproject, encoding="utf-8") as fh:
                m = re.search(r'(?m)^\s*name\s*=\s*["\']([^"\']+)["\']', fh.read())
            if m:
                pkg = re.sub(r"[-.]+", "_", m.group(1)).lower()
                for root in roots:
                    for cand in (os.path.join(root, pkg), os.path.join(root, pkg + ".py")):
                        if os.path.exists(cand):
                            return cand
        except OSError:
            pass
    cands = [c for root in roots for c in _candidates(root)]
    if not cands:
        raise EntryNotFound("no Python module or package found in %s" % impl_dir)
    if len(cands) == 1:
        return cands[0]
    best = max(cands, key=lambda c: (_score(c, functions), os.path.isdir(c)))
    return best


def _unique_name(name):
    if name.isidentifier() and name not in sys.modules:
        return name
    base = "ghost_impl_" + re.sub(r"\W", "_", name)
    candidate, n = base, 1
    while candidate in sys.modules:
        n += 1
        candidate = "%s_%d" % (base, n)
    return candidate


def load(impl_dir, entry, functions):
    if entry:
        target = os.path.join(impl_dir, entry)
        if not os.path.exists(target):
            if os.path.exists(target + ".py"):
                target += ".py"
            else:
                # A dotted module name importable from the impl dir (or src/).
                dotted = entry[:-3] if entry.endswith(".py") else entry
                if re.match(r"^[A-Za-z_][\w.]*$", dotted):
                    return dotted, importlib.import_module(dotted)
                raise EntryNotFound("entry %s not found in %s" % (entry, impl_dir))
    else:
        target = autodetect(impl_dir, functions)

    target = os.path.abspath(target)
    if os.path.isdir(target):
        init = os.path.join(target, "__init__.py")
        if not os.path.isfile(init):
            raise EntryNotFound("%s is a directory without __init__.py" % target)
        package_dir, module_file = target, init
    else:
        package_dir, module_file = None, target

    # Inside a package (a directory chain with __init__.py): import by dotted name so relative
    # imports work.
    here = package_dir or os.path.dirname(module_file)
    parts = [] if package_dir else [os.path.splitext(os.path.basename(module_file))[0]]
    top = here
    while os.path.isfile(os.path.join(top, "__init__.py")):
        parts.insert(0, os.path.basename(top))
        top = os.path.dirname(top)
    dotted = ".".join(parts)
    if all(p.isidentifier() for p in parts) and parts[0] not in sys.modules:
        if top not in sys.path:
            sys.path.insert(0, top)
        return os.path.relpath(target, impl_dir), importlib.import_module(dotted)

    # Not importable by name (a hyphenated directory, a name shadowing an already-imported
    # module): load from the file under a private name.
    name = _unique_name(parts[-1] if parts else "impl")
    if os.path.dirname(module_file) not in sys.path:
        sys.path.insert(0, os.path.dirname(module_file))
    spec = importlib.util.spec_from_file_location(
        name, module_file, submodule_search_locations=[package_dir] if package_dir else None
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return os.path.relpath(target, impl_dir), module


# ------------------------------------------------------------------ serving


def call(fn, args):
    result = fn(*args)
    if hasattr(result, "__await__") and hasattr(result, "send"):  # a coroutine
        import asyncio

        result = asyncio.run(result)
    return result


def handle(channel, table, line):
    try:
        req = json.loads(line)
    except ValueError as e:
        channel.send({"id": None, "ok": False, "error": {"kind": "ProtocolError", "message": "request is not JSON: %s" % e}})
        return
    if not isinstance(req, dict):
        channel.send({"id": None, "ok": False, "error": {"kind": "ProtocolError", "message": "request is not a JSON object"}})
        return
    rid = req.get("id")
    fn = table.get(req.get("fn")) if isinstance(req.get("fn"), str) else None
    if fn is None:
        channel.send(
            {"id": rid, "ok": False, "error": {"kind": "FunctionNotFound", "message": "function %s not found in the implementation" % json.dumps(req.get("fn"))}}
        )
        return
    raw = req.get("args", [])
    try:
        args = decode(raw) if isinstance(raw, list) else [decode(raw)]
    except Exception as e:  # noqa: BLE001 - a malformed tag
        channel.send({"id": rid, "ok": False, "error": {"kind": "ProtocolError", "message": "bad arguments: %s" % e}})
        return
    channel.begin_call()
    try:
        try:
            result = call(fn[1], args)
            try:
                value = encode(result, set(), 0)
            except RecursionError:
                raise UnserializableResult("result nested too deeply") from None
            response = {"id": rid, "ok": True, "value": value}
        except BaseException as e:  # noqa: BLE001 - everything, incl. SystemExit/KeyboardInterrupt
            response = {"id": rid, "ok": False, "error": error_object(e)}
    finally:
        channel.end_call()
    output = channel.take_output()
    if output:
        response["output"] = output
    try:
        channel.send(response)
    except (TypeError, ValueError) as e:  # should not happen: encode() produced JSON
        channel.send({"id": rid, "ok": False, "error": {"kind": "UnserializableResult", "message": str(e)}})


def parse_env(name, default):
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    return json.loads(raw)


def main():
    sys.dont_write_bytecode = True
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)  # big integers in both directions
    channel = Channel()
    impl_dir = os.path.abspath(os.environ.get("GHOST_IMPL_DIR") or os.getcwd())
    driver_dir = os.path.dirname(DRIVER_FILE)
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != driver_dir]
    for extra in (os.path.join(impl_dir, "src"), impl_dir):
        if os.path.isdir(extra) and extra not in sys.path:
            sys.path.insert(0, extra)
    try:
        functions = parse_env("GHOST_FUNCTIONS", [])
        name_map = parse_env("GHOST_NAME_MAP", {})
        if not isinstance(functions, list):
            raise ValueError("GHOST_FUNCTIONS must be a JSON list")
        if not isinstance(name_map, dict):
            name_map = {}
        entry, module = load(impl_dir, (os.environ.get("GHOST_ENTRY") or "").strip(), functions)
        table = {}
        names = functions or [n for n in sorted(vars(module)) if not n.startswith("_") and callable(getattr(module, n))]
        for spec in names:
            if isinstance(spec, str):
                found = resolve(module, spec, name_map.get(spec))
                if found:
                    table[spec] = found
    except BaseException as e:  # noqa: BLE001 - SyntaxError, SystemExit at import, ...
        early = channel.take_output()
        if early:
            log("output while loading:\n" + early[:2000])
        err = error_object(e)
        err.pop("trace", None)
        if isinstance(e, SyntaxError) and e.filename:
            err["message"] = "%s (%s:%s)" % (e.msg, os.path.relpath(e.filename, impl_dir), e.lineno)
        channel.send({"ghost": "driver", "protocol": 1, "language": LANGUAGE, "error": err})
        os._exit(1)
    early = channel.take_output()
    if early:
        log("output while loading the implementation:\n" + early[:2000])
    channel.send(
        {"ghost": "driver", "protocol": 1, "language": LANGUAGE, "entry": entry, "functions": {k: v[0] for k, v in table.items()}}
    )
    for line in channel.lines():
        if line.strip():
            handle(channel, table, line)
    channel.out.flush()
    # os._exit: do not wait for threads the implementation left running.
    os._exit(0)


if __name__ == "__main__":
    try:
        main()
    except BaseException as e:  # noqa: BLE001
        log("internal error: %r" % (e,))
        os._exit(70)
